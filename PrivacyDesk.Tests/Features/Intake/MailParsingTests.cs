using System.Text;
using PrivacyDesk.Features.Intake;

namespace PrivacyDesk.Tests.Features.Intake;

/// <summary>
/// What intake makes of MimeKit's reading, on mail the oracle corpus does not have: French mail as
/// Quebec and French mailers write it, broken input, and mbox files read by one parser.
/// </summary>
public sealed class MailParsingTests
{
    private static MimeKit.MimeMessage Parse(string text, Encoding? encoding = null) =>
        MailParsing.Parse((encoding ?? Encoding.UTF8).GetBytes(text.ReplaceLineEndings("\r\n"))).Message!;

    [Fact]
    public void Encoded_words_split_inside_a_multibyte_character_are_joined_before_decoding()
    {
        // "Demande d'accès" with the two bytes of "è" (C3 A8) split across two B-encoded words.
        var m = Parse("""
            From: =?utf-8?Q?H=C3=A9l=C3=A8ne?= Tremblay <helene@example.ca>
            Subject: =?utf-8?B?RGVtYW5kZSBkJ2FjY8M=?=
             =?utf-8?B?qHM=?=
            
            Bonjour
            """);
        Assert.Equal("Demande d'accès", m.Subject);
        Assert.Equal("Hélène Tremblay", MailParsing.Sender(m)!.Name);
        Assert.Equal("helene@example.ca", MailParsing.Sender(m)!.Address);
    }

    [Fact]
    public void Rfc2231_continuations_and_charsets_name_attachments_and_the_body_stays_apart()
    {
        var m = Parse("""
            From: a@example.com
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Pi=E8ce jointe : ma facture.
            --b1
            Content-Type: application/pdf
            Content-Disposition: attachment;
             filename*0*=utf-8''Re%C3%A7u%20de;
             filename*1=" paiement.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b1--
            """);
        Assert.Equal("Pièce jointe : ma facture.", MailParsing.BodyText(m).Trim());
        var attachment = Assert.Single(MailAttachments.Select(m, 20, out var omitted));
        Assert.Empty(omitted);
        Assert.Equal("Reçu de paiement.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal("%PDF-1.4\n"u8.ToArray(), attachment.Content);
    }

    [Fact]
    public void Latin1_8bit_body_without_a_charset_and_base64_with_bad_padding_are_read()
    {
        var latin1 = Parse("From: a@example.com\nSubject: test\n\nJe d\u00e9sire acc\u00e9der \u00e0 mes donn\u00e9es.", Encoding.Latin1);
        Assert.Equal("Je désire accéder à mes données.", MailParsing.BodyText(latin1).Trim());

        var badPadding = Parse("From: a@example.com\nContent-Transfer-Encoding: base64\n\nQm9uam91ciDDoCB0b3Vz\n=\nIQ");
        Assert.StartsWith("Bonjour à tous", MailParsing.BodyText(badPadding));
    }

    [Fact]
    public void Flowed_text_is_joined_as_the_senders_client_wrote_it()
    {
        var m = Parse("From: a@example.com\nContent-Type: text/plain; charset=utf-8; format=flowed\n\nJe souhaite que vous supprimiez \ntoutes mes données, \ns'il vous plaît.\n");
        Assert.Equal("Je souhaite que vous supprimiez toutes mes données, s'il vous plaît.", MailParsing.BodyText(m).Trim());
    }

    [Fact]
    public void Groups_and_comments_in_address_lists_flatten_to_mailboxes()
    {
        var m = Parse("""
            From: "Tremblay, Hélène" <helene@example.ca>
            To: Équipe vie privée: dpo@example.fr, support@example.fr (Service client);
            Cc: undisclosed-recipients:;

            x
            """);
        Assert.Equal("Tremblay, Hélène", MailParsing.Sender(m)!.Name);
        Assert.Equal(["dpo@example.fr", "support@example.fr"], m.To.Mailboxes.Select(a => a.Address));
        Assert.Empty(m.Cc.Mailboxes);
    }

    [Theory]
    [InlineData("Mon, 2 Nov 2026 09:05:00 -0500", "2026-11-02T09:05:00-05:00")]
    [InlineData("2 Nov 26 09:05 EST", "2026-11-02T09:05:00-05:00")]
    [InlineData("Mon, 2 Nov 2026 15:05:07 +0100 (CET)", "2026-11-02T15:05:07+01:00")]
    [InlineData("not a date", null)]
    public void Dates_in_standard_and_broken_forms(string header, string? expected)
    {
        var m = Parse($"From: a@example.com\nDate: {header}\n\nx");
        Assert.Equal(expected, MailParsing.Date(m)?.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Html_only_mail_is_read_as_text_for_the_officer()
    {
        var m = Parse("""
            From: a@example.com
            Content-Type: multipart/alternative; boundary=x

            --x
            Content-Type: text/html; charset=utf-8

            <p>Je veux <b>supprimer</b> mon compte</p><script>alert(1)</script>
            --x--
            """);
        Assert.Null(m.TextBody);
        Assert.Equal("Je veux supprimer mon compte", MailParsing.BodyText(m).Trim());
    }

    [Fact]
    public void Garbage_input_never_throws_and_bytes_without_headers_say_why_they_are_not_mail()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 4000)];
            random.NextBytes(bytes);
            if (MailParsing.Parse(bytes).Message is { } m)
                _ = (m.Subject, MailParsing.Sender(m), MailParsing.BodyText(m), MailAttachments.Select(m, 20, out _), MailParsing.Date(m));
        }
        var binary = MailParsing.Parse([0x00, 0xFF, 0x10, 0x0A, 0x0A, 0x41]);
        Assert.Null(binary.Usable);
        Assert.StartsWith("not an email", binary.Error);
    }

    [Fact]
    public void Deep_nesting_is_bounded()
    {
        var sb = new StringBuilder("From: a@example.com\r\n");
        for (var i = 0; i < 5000; i++) sb.Append($"Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n");
        sb.Append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        var parsed = MailParsing.Parse(Encoding.ASCII.GetBytes(sb.ToString()));
        Assert.NotNull(parsed.Usable);
        _ = MailParsing.BodyText(parsed.Usable!);
    }

    [Fact]
    public void An_mbox_is_read_by_one_parser_with_each_messages_exact_bytes_even_with_byte_order_marks_inside()
    {
        var one = "From: a@example.com\nSubject: un\nMessage-ID: <1@x>\n\nPremier message \uFEFF avec une marque.\n>From the past\n";
        var two = "From: b@example.com\nSubject: deux\nMessage-ID: <2@x>\n\nDeuxième message.";
        var path = Path.GetTempFileName();
        try
        {
            // A second file appended by an editor that wrote its own byte-order mark.
            File.WriteAllBytes(path, [.. "From a@example.com Mon Nov 16 09:00:00 2026\n"u8, .. Encoding.UTF8.GetBytes(one),
                .. "\n"u8, 0xEF, 0xBB, 0xBF, .. "From b@example.com Mon Nov 16 09:01:00 2026\n"u8, .. Encoding.UTF8.GetBytes(two)]);
            var read = MailParsing.ReadMbox(path).ToList();
            Assert.Equal(2, read.Count);
            Assert.Equal(["un", "deux"], read.Select(r => r.Mail.Message!.Subject));
            Assert.Equal(Encoding.UTF8.GetBytes(one).Length, read[0].Raw.Length + 1); // the separator's line break is not the message's
            Assert.True(read[0].Raw.AsSpan().IndexOf(new byte[] { 0xEF, 0xBB, 0xBF }) > 0, "a mark inside a body is the message's own byte");
            Assert.Equal("2@x", MailParsing.Parse(read[1].Raw).Message!.MessageId); // the stored bytes parse again alone
            Assert.Equal(2, MailFiles.Read(path).Count());
        }
        finally { File.Delete(path); }
    }
}
