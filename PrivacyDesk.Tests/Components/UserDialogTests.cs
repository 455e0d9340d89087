using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Components;

/// <summary>
/// The users page's dialogs on the real services: the invitation form opens, says what is wrong on
/// the field and keeps the dialog open, cancels without creating anyone, and invites; the lock
/// confirmation names the person and does nothing when cancelled.
/// </summary>
public sealed class UserDialogTests : ComponentTest, IAsyncLifetime
{
    private TestHost _host = null!;
    private IRenderedComponent<MudBlazor.MudDialogProvider> Dialog => Dialogs!;
    private string _officer = "";

    public async ValueTask InitializeAsync()
    {
        _host = Own(await TestHost.CreateAsync());
        var laval = await _host.CreateMerchantAsync("laval", "Millenium Micro Laval");
        _officer = await _host.CreateUserAsync("sophie@laval.example", [Roles.PrivacyOfficer], laval.Id);
        UseApp(_host, await _host.CreateUserAsync("admin@laval.example", [Roles.Admin]));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        RenderProviders();
    }

    private IRenderedComponent<UsersPage> OpenPage()
    {
        var cut = Render<UsersPage>();
        cut.WaitForElement("[data-testid=users-grid] tbody tr");
        return cut;
    }

    private async Task<StaffUser?> FindAsync(string email)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
    }

    private static string FieldError(AngleSharp.Dom.IElement field) =>
        field.Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task The_invitation_form_says_what_is_wrong_on_the_field_cancels_cleanly_and_invites()
    {
        var cut = OpenPage();
        await cut.InvokeAsync(() => cut.Find("[data-testid=new-user]").Click());
        var dialog = Dialog.WaitForElement("[data-testid=user-form]");
        Assert.Contains("New user", Dialog.Find(".mud-dialog-title").TextContent);

        // Nothing ticked and a wrong address: said on the fields, and the dialog stays open with what was typed.
        Dialog.Find("input[name=Email]").Change("pas-une-adresse");
        await Dialog.InvokeAsync(() => Dialog.Find("form#user-form").Submit());
        Dialog.WaitForAssertion(() => Assert.Equal("The email address is not valid.", FieldError(Dialog.Find("input[name=Email]"))));
        Assert.Single(Dialog.FindAll("[data-testid=user-form]"));
        Assert.Equal("pas-une-adresse", Dialog.Find("input[name=Email]").GetAttribute("value"));

        // Cancel: the dialog closes and nobody was created.
        await Dialog.InvokeAsync(() => Dialog.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        Dialog.WaitForAssertion(() => Assert.Empty(Dialog.FindAll("[data-testid=user-form]")));
        Assert.Null(await FindAsync("pas-une-adresse"));

        // Again, right this time: the person is invited and listed as such.
        await cut.InvokeAsync(() => cut.Find("[data-testid=new-user]").Click());
        Dialog.WaitForElement("[data-testid=user-form]");
        Dialog.Find("input[name=Email]").Change("julie@laval.example");
        Dialog.Find("input[name=DisplayName]").Change("Julie Roy");
        var boxes = Dialog.FindAll(".mud-checkbox");
        boxes.Single(b => b.TextContent.Contains("Support representative")).QuerySelector("input")!.Change(true);
        Dialog.FindAll(".mud-checkbox").Single(b => b.TextContent.Contains("Millenium Micro Laval")).QuerySelector("input")!.Change(true);
        await Dialog.InvokeAsync(() => Dialog.Find("form#user-form").Submit());
        Dialog.WaitForAssertion(() => Assert.Empty(Dialog.FindAll("[data-testid=user-form]")));
        cut.WaitForAssertion(() => Assert.Contains("Invitation sent", cut.FindAll("[data-testid=users-grid] tbody tr").Single(r => r.TextContent.Contains("julie@laval.example")).TextContent));
        var julie = await FindAsync("julie@laval.example");
        Assert.NotNull(julie);
        Assert.Null(julie.PasswordHash);
        Assert.Single(Directory.GetFiles(Path.Combine(_host.Directory, "outbox"), "*.eml"));
    }

    [Fact]
    public async Task Locking_asks_first_naming_the_person_and_a_cancel_changes_nothing()
    {
        var cut = OpenPage();
        var lockButton = cut.WaitForElement("button[aria-label='Lock the account of sophie@laval.example']");
        await cut.InvokeAsync(() => lockButton.Click());
        var message = Dialog.WaitForElement("[data-testid=confirm-message]");
        Assert.Contains("sophie@laval.example", message.TextContent);

        await Dialog.InvokeAsync(() => Dialog.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        Dialog.WaitForAssertion(() => Assert.Empty(Dialog.FindAll("[data-testid=confirm-message]")));
        Assert.Null((await FindAsync("sophie@laval.example"))!.LockoutEnd);

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Lock the account of sophie@laval.example']").Click());
        Dialog.WaitForElement("[data-testid=confirm-message]");
        await Dialog.InvokeAsync(() => Dialog.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Trim() == "Lock account").Click());
        cut.WaitForAssertion(() => Assert.Contains("Locked", cut.FindAll("[data-testid=users-grid] tbody tr").Single(r => r.TextContent.Contains("sophie@laval.example")).TextContent));
        Assert.NotNull((await FindAsync("sophie@laval.example"))!.LockoutEnd);
    }
}
