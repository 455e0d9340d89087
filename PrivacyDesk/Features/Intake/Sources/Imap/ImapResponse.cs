namespace PrivacyDesk.Features.Intake.Sources.Imap;

/// <summary>One untagged server response: its text (literals replaced by "{n}") and the literals' bytes in order.</summary>
public sealed record ImapUntagged(string Text, IReadOnlyList<byte[]> Literals);

/// <summary>The end of a command: the tagged status line and every untagged response before it.</summary>
public sealed record ImapResponse(string Status, string Text, IReadOnlyList<ImapUntagged> Untagged)
{
    public bool Ok => Status == "OK";
}

/// <summary>The server said NO or BAD, or the conversation broke: the message says which command and why.</summary>
public sealed class ImapException(string message) : IOException(message);
