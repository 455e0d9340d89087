using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Requests;

/// <summary>
/// Acknowledging receipt is owed in every open state (asking for identity proof first used to make
/// it impossible), and sending the acknowledgement template as a reply is the acknowledgement.
/// </summary>
public sealed class AcknowledgementTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private Merchant _laval = null!;
    private string _officer = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _laval = await _host.CreateMerchantAsync("laval", "Informatique Laval", "CA", "QC");
        _officer = await _host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], _laval.Id);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<PrivacyRequest> LogAsync(RequestWorkflow workflow, string email) =>
        await workflow.LogAsync(new NewRequest(_laval.Id, [RequestType.Access], RequestChannel.Phone, "fr", "Hélène Tremblay", email, "514-555-0101",
            Message: "Je veux une copie de mes renseignements.", ReceivedAt: DateTimeOffset.UtcNow.AddHours(-1)));

    [Fact]
    public async Task A_request_awaiting_identity_or_in_progress_can_still_be_acknowledged_and_keeps_its_status()
    {
        await using var scope = _host.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();

        var awaiting = await LogAsync(workflow, "a@example.com");
        var asked = await workflow.RequestVerificationAsync(awaiting.Id, awaiting.Version, "Pièce d'identité demandée");
        Assert.True(asked.Succeeded, asked.Error);
        var acknowledged = await workflow.AcknowledgeAsync(awaiting.Id, asked.Request!.Version);
        Assert.True(acknowledged.Succeeded, acknowledged.Error);
        var after = (await workflow.GetAsync(awaiting.Id))!;
        Assert.Equal(RequestStatus.AwaitingVerification, after.Status);
        Assert.NotNull(after.AcknowledgedAt);
        Assert.Contains(after.Events, e => e.Kind == RequestEventKind.Acknowledged);
        Assert.False((await workflow.AcknowledgeAsync(after.Id, after.Version)).Succeeded); // once

        var inProgress = await LogAsync(workflow, "b@example.com");
        var verified = await workflow.VerifyIdentityAsync(inProgress.Id, inProgress.Version, IdentityVerificationMethod.CallbackToKnownNumber, "Rappel au 514-555-0101");
        Assert.True(verified.Succeeded, verified.Error);
        Assert.Equal(RequestStatus.InProgress, verified.Request!.Status);
        Assert.True((await workflow.AcknowledgeAsync(inProgress.Id, verified.Request.Version)).Succeeded);
        Assert.Equal(RequestStatus.InProgress, (await workflow.GetAsync(inProgress.Id))!.Status);

        // A new one still moves to Acknowledged.
        var fresh = await LogAsync(workflow, "c@example.com");
        Assert.True((await workflow.AcknowledgeAsync(fresh.Id, fresh.Version)).Succeeded);
        Assert.Equal(RequestStatus.Acknowledged, (await workflow.GetAsync(fresh.Id))!.Status);
    }

    [Fact]
    public async Task Sending_the_acknowledgement_template_marks_the_acknowledgement_done_and_another_template_does_not()
    {
        int acknowledgement, other;
        await using (var db = _host.SystemDb())
        {
            acknowledgement = (await db.ReplyTemplates.FirstAsync(t => t.Purpose == TemplatePurpose.Acknowledgement && t.Language == "fr")).Id;
            other = (await db.ReplyTemplates.FirstAsync(t => t.Purpose != TemplatePurpose.Acknowledgement && t.Language == "fr")).Id;
        }
        await using var scope = _host.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var request = await LogAsync(workflow, "helene@example.com");

        var plain = await workflow.ReplyAsync(request.Id, "helene@example.com", "Une question", "Pouvez-vous préciser?", null, false, other);
        Assert.True(plain.Succeeded, plain.Error);
        Assert.Null((await workflow.GetAsync(request.Id))!.AcknowledgedAt);

        var ack = await workflow.ReplyAsync(request.Id, "helene@example.com", "Nous avons reçu votre demande", "Madame, Monsieur,", null, false, acknowledgement);
        Assert.True(ack.Succeeded, ack.Error);
        var after = (await workflow.GetAsync(request.Id))!;
        Assert.NotNull(after.AcknowledgedAt);
        Assert.Equal(RequestStatus.Acknowledged, after.Status);
    }

    [Fact]
    public async Task The_verification_records_the_method_chosen_and_none_is_assumed()
    {
        await using var scope = _host.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var request = await LogAsync(workflow, "d@example.com");

        var unchosen = await workflow.VerifyIdentityAsync(request.Id, request.Version, (IdentityVerificationMethod?)null, "Pièce vérifiée");
        Assert.False(unchosen.Succeeded);
        Assert.Equal("method", unchosen.Field);
        var empty = await workflow.VerifyIdentityAsync(request.Id, request.Version, IdentityVerificationMethod.DocumentChecked, " ");
        Assert.Equal("evidence", empty.Field);

        Assert.True((await workflow.VerifyIdentityAsync(request.Id, request.Version, IdentityVerificationMethod.DocumentChecked, "Permis de conduire")).Succeeded);
        Assert.Equal(IdentityVerificationMethod.DocumentChecked, (await workflow.GetAsync(request.Id))!.VerificationMethod);
    }

    [Theory]
    [InlineData("514-555-0101", "(514) 555-0101", false)]
    [InlineData("+1 514 555 0101", "514-555-0101", false)]
    [InlineData("450-555-0148", "514-555-0101", true)]
    [InlineData(null, "514-555-0101", false)]
    public void A_phone_is_compared_by_its_digits(string? given, string onFile, bool differs) =>
        Assert.Equal(differs, ContactMatch.PhoneDiffers(given, [onFile]));

    [Theory]
    [InlineData("12, rue Principale\nLaval (Québec) H7X 3Y4", "12 rue Principale", "H7X 3Y4", false)]
    [InlineData("12 RUE PRINCIPALE, LAVAL H7X3Y4", "12, rue Principale", "H7X 3Y4", false)]
    [InlineData("77 rue Principale, Laval H7X 3Y4", "12 rue Principale", "H7X 3Y4", true)]
    [InlineData("12 rue Principale, Montréal H2X 1A1", "12 rue Principale", "H7X 3Y4", true)]
    public void An_address_is_compared_by_its_words_and_postal_code(string given, string street, string postalCode, bool differs) =>
        Assert.Equal(differs, ContactMatch.AddressDiffers(given, [(street, postalCode)]));

    [Fact]
    public void A_phone_or_address_with_nothing_on_file_differs() =>
        Assert.True(ContactMatch.PhoneDiffers("514-555-0101", []) && ContactMatch.AddressDiffers("12 rue Principale", []));
}
