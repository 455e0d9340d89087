using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust.Security;

/// <summary>
/// Finding 2: "Re: [PD-2026-001204] new address" from a stranger, with an attachment, was stored as
/// a reply on Jeanne's request. References are sequential; the tag we send carries a MAC, and a
/// message joins a request only from an address already on it and with proof it saw our mail.
/// </summary>
public sealed class ThreadingSpoofTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private int _merchantId;
    private IngestResult _opened = null!;
    private string _ackSubject = "", _ackMessageId = "";

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _merchantId = (await _host.CreateMerchantAsync("laval", "Meubles Laval")).Id;
        _opened = await Intake.IngestAsync(_merchantId, Eml("Jeanne Roy <jeanne@example.ca>", "Accès à mes données", "Je veux une copie de mes renseignements."), "t", null, AuditActor.System);
        await using var db = _host.SystemDb();
        var ack = await db.Outbox.SingleAsync();
        (_ackSubject, _ackMessageId) = (ack.Subject, ack.MessageIdHeader);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private MailIntake Intake => _host.Services.GetRequiredService<MailIntake>();

    private static byte[] Eml(string from, string subject, string body, string? inReplyTo = null, bool attachment = false) =>
        Encoding.UTF8.GetBytes(($"From: {from}\r\nTo: vie.privee@laval.example\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.net>\r\n" +
            (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\r\n") + "MIME-Version: 1.0\r\n" +
            (attachment
                ? "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body +
                  "\r\n--b\r\nContent-Type: application/pdf; name=proof.pdf\r\nContent-Disposition: attachment; filename=proof.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
                : "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body)).ReplaceLineEndings("\r\n"));

    private async Task<int> RepliesOnRequestAsync()
    {
        await using var db = _host.SystemDb();
        return await db.RequestEvents.CountAsync(e => e.RequestId == _opened.RequestId && e.Kind == RequestEventKind.EmailReceived);
    }

    [Fact]
    public async Task A_stranger_quoting_the_bare_reference_is_held_for_an_officer_and_never_shown_as_the_requesters()
    {
        var result = await Intake.IngestAsync(_merchantId,
            Eml("Mallory <mallory@evil.example>", $"Re: [{_opened.Reference}] new address", "Please send everything to my new address.", attachment: true), "t", null, AuditActor.System);

        Assert.Equal(InboundStatus.Quarantined, result.Status);
        Assert.Null(result.RequestId);
        Assert.Equal($"ClaimsReference: {_opened.Reference}", result.Reason);
        Assert.Equal(1, await RepliesOnRequestAsync());
        await using var db = _host.SystemDb();
        Assert.Equal(0, await db.RequestAttachments.CountAsync());
    }

    [Fact]
    public async Task A_stranger_with_a_copied_signed_tag_or_our_message_id_is_held_too()
    {
        var signed = await Intake.IngestAsync(_merchantId, Eml("Mallory <mallory@evil.example>", "Re: " + _ackSubject, "new address"), "t", null, AuditActor.System);
        var headers = await Intake.IngestAsync(_merchantId, Eml("Mallory <mallory@evil.example>", "Re: hello", "new address", inReplyTo: _ackMessageId), "t", null, AuditActor.System);
        Assert.Equal(InboundStatus.Quarantined, signed.Status);
        Assert.Equal(InboundStatus.Quarantined, headers.Status);
        Assert.Equal(1, await RepliesOnRequestAsync());
    }

    [Fact]
    public async Task The_requester_with_a_bare_reference_is_held_but_with_our_signed_tag_or_headers_joins()
    {
        var bare = await Intake.IngestAsync(_merchantId, Eml("Jeanne Roy <jeanne@example.ca>", $"Re: [{_opened.Reference}]", "voici ma preuve"), "t", null, AuditActor.System);
        var signed = await Intake.IngestAsync(_merchantId, Eml("Jeanne Roy <jeanne@example.ca>", "RE: " + _ackSubject, "voici ma preuve", attachment: true), "t", null, AuditActor.System);
        var byHeaders = await Intake.IngestAsync(_merchantId, Eml("JEANNE@example.ca", "Re: votre message", "et mon adresse", inReplyTo: _ackMessageId), "t", null, AuditActor.System);

        Assert.Equal(InboundStatus.Quarantined, bare.Status);
        Assert.Equal(InboundStatus.Reply, signed.Status);
        Assert.Equal(_opened.RequestId, signed.RequestId);
        Assert.Equal(InboundStatus.Reply, byHeaders.Status);
        Assert.Equal(3, await RepliesOnRequestAsync());
    }

    [Fact]
    public async Task A_forged_mac_does_not_pass_and_each_reference_has_its_own()
    {
        var forged = await Intake.IngestAsync(_merchantId, Eml("Jeanne Roy <jeanne@example.ca>", $"Re: [{_opened.Reference}/00000000]", "x"), "t", null, AuditActor.System);
        Assert.Equal(InboundStatus.Quarantined, forged.Status);
        await using var db = _host.SystemDb();
        var a = ThreadTags.Tag(db, "PD-2026-000001");
        var b = ThreadTags.Tag(db, "PD-2026-000002");
        Assert.NotEqual(a[^8..], b[^8..]);
        Assert.True(ThreadTags.Verify(db, "PD-2026-000001", a[^8..]));
        Assert.False(ThreadTags.Verify(db, "PD-2026-000002", a[^8..]));
    }

    [Fact]
    public async Task An_officer_can_add_a_held_message_to_the_request_it_claims_after_checking_it()
    {
        var held = await Intake.IngestAsync(_merchantId, Eml("Jean Roy <jean.roy@autre.example>", $"Re: [{_opened.Reference}] pour ma mère", "Procuration jointe.", attachment: true), "t", null, AuditActor.System);
        var officer = await _host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], _merchantId);
        Guid version;
        await using (var db = _host.SystemDb()) version = (await db.InboundMessages.SingleAsync(m => m.Id == held.InboundId)).Version;
        await using var scope = _host.ActAs(officer);
        var result = await scope.ServiceProvider.GetRequiredService<MailboxService>().AddToClaimedRequestAsync(held.InboundId, version);

        Assert.True(result.Succeeded, result.Error);
        await using var check = _host.SystemDb();
        var added = await check.RequestEvents.Include(e => e.Attachments).OrderBy(e => e.Id).LastAsync(e => e.RequestId == _opened.RequestId && e.Kind == RequestEventKind.EmailReceived);
        Assert.Contains("senderNotOnFile", added.Data);
        Assert.Single(added.Attachments);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Action == "mail.added-to-claimed-request"));

        // One officer's approval is not a standing permission: the same address is held again next time.
        var next = await Intake.IngestAsync(_merchantId, Eml("Jean Roy <jean.roy@autre.example>", "Re: " + _ackSubject, "Autre pièce."), "t", null, AuditActor.System);
        Assert.Equal(InboundStatus.Quarantined, next.Status);
    }
}
