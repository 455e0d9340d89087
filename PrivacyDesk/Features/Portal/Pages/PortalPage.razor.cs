using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Portal.Pages;

/// <summary>
/// The requester's page, a plain HTTP page (no circuit, no staff cookie): confirm the email address
/// with a code, then follow the request, read and write messages, send a proof, download what was released.
/// Every text is in the request's language (DocText), whatever the browser's.
/// </summary>
public partial class PortalPage
{
    [Parameter] public string Token { get; set; } = "";
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [Inject] private RequesterPortal Portal { get; set; } = default!;
    [Inject] private PortalSession Session { get; set; } = default!;
    [Inject] private IOptions<PortalOptions> Options { get; set; } = default!;
    [Inject] private UiText Text { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "portal-code")] private string? Code { get; set; }
    [SupplyParameterFromForm(FormName = "portal-send")] private string? Send { get; set; }
    [SupplyParameterFromForm(FormName = "portal-post")] private string? Message { get; set; }
    [SupplyParameterFromQuery(Name = "sent")] private bool? Sent { get; set; }

    private PortalAccess? _access;
    private DocText? _t;
    private bool _confirmed, _codeSent;
    private string? _notice, _error, _draft;
    private IReadOnlyList<PortalMessageRow> _messages = [];
    private IReadOnlyList<PortalFile> _files = [];

    // The merchant's colour, with the text colour that reads best on it (black or white, whichever contrasts more).
    private string? HeaderStyle => _access?.Merchant.BrandColor is { } c && Admin.Merchants.BrandColors.IsValid(c)
        ? $"background:{c};color:{Admin.Merchants.BrandColors.TextOn(c)}" : null;

    protected override async Task OnInitializedAsync()
    {
        // Nothing of this page is kept by the browser's cache or a proxy: it is one person's request.
        HttpContext.Response.Headers.CacheControl = "no-store";
        _access = await Portal.OpenAsync(Token);
        if (_access is null) return;
        _t = DocText.For(Text, _access.Request.Language, _access.Merchant, _access.Request.Jurisdiction);
        _confirmed = Session.Holds(HttpContext, _access.Link);
        _codeSent = _access.Link.CodeExpiresAt > DateTimeOffset.UtcNow && _access.Link.CodeHash is not null;
        if (Sent == true && _confirmed) _notice = _t["Portal.Posted"];
        if (_confirmed) await LoadAsync();
    }

    private async Task LoadAsync() => (_messages, _files) = await Portal.ContentAsync(_access!);

    private string MaskedEmail => Mask(_access!.Link.Email);

    /// <summary>"h•••@example.com": enough for the person to recognise their address, not to learn someone's (not even its length).</summary>
    internal static string Mask(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "•••" : email[0] + "•••" + email[at..];
    }

    private async Task SendCodeAsync()
    {
        var t = _t!;
        var result = await Portal.SendCodeAsync(_access!);
        switch (result.Outcome)
        {
            case CodeOutcome.Sent: _codeSent = true; _notice = t.F("Portal.CodeSent", MaskedEmail); break;
            case CodeOutcome.TooSoon: _codeSent = true; _notice = t["Portal.CodeTooSoon"]; break;
            case CodeOutcome.Locked: _error = t.F("Portal.Locked", t.DateTime(result.Until!.Value)); break;
            case CodeOutcome.TryAgain: _error = t["Portal.TryAgain"]; break;
        }
    }

    private async Task ConfirmAsync()
    {
        var t = _t!;
        var result = await Portal.ConfirmAsync(_access!, Code);
        _codeSent = true;
        switch (result.Outcome)
        {
            case CodeOutcome.Confirmed:
                Session.Issue(HttpContext, _access!.Link, TimeSpan.FromMinutes(Options.Value.SessionMinutes));
                // After a post, a fresh GET: reloading the page does not post the code again.
                Navigation.NavigateTo(Navigation.Uri.Split('?')[0], forceLoad: true);
                break;
            case CodeOutcome.Wrong: _error = t.P("Portal.WrongCode", result.AttemptsLeft); break;
            case CodeOutcome.Expired: _codeSent = false; _error = t["Portal.CodeExpired"]; break;
            case CodeOutcome.Locked: _codeSent = false; _error = t.F("Portal.Locked", t.DateTime(result.Until!.Value)); break;
            case CodeOutcome.Ended: _codeSent = false; _error = t["Portal.Ended"]; break;
            case CodeOutcome.TryAgain: _error = t["Portal.TryAgain"]; break;
        }
    }

    private async Task PostAsync()
    {
        var t = _t!;
        if (!_confirmed) { _error = t["Portal.SessionEnded"]; return; }
        PortalUpload? upload = null;
        if (HttpContext.Request.HasFormContentType && HttpContext.Request.Form.Files.GetFile("Proof") is { Length: > 0 } file)
        {
            // Refused before it is read into memory when the browser says it is too big.
            if (file.Length > Options.Value.MaxUploadMegabytes * 1024L * 1024)
            {
                _draft = Message;
                _error = t.F("Portal.Upload.TooLarge", Options.Value.MaxUploadMegabytes);
                await LoadAsync();
                return;
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            upload = new PortalUpload(file.FileName, file.ContentType, buffer.ToArray());
        }
        if (await Portal.PostAsync(_access!, Message, upload) is { } problem)
        {
            _draft = Message;
            _error = problem;
            await LoadAsync();
            return;
        }
        Navigation.NavigateTo(Navigation.Uri.Split('?')[0] + "?sent=true", forceLoad: true);
    }

    private string StatusText(PrivacyRequest r)
    {
        var t = _t!;
        return r.Status switch
        {
            RequestStatus.New or RequestStatus.Acknowledged => t["Portal.State.Received"],
            RequestStatus.AwaitingVerification => t["Portal.State.Verification"],
            RequestStatus.InProgress => t["Portal.State.InProgress"],
            RequestStatus.Withdrawn => t["Portal.State.Withdrawn"],
            // "Answered" only once the answer went out: a decision recorded is not yet a response received.
            RequestStatus.Decided or RequestStatus.Closed when r.ResponseSentAt is null && !_messages.Any(m => !m.FromRequester && m.At >= r.DecidedAt)
                => t[r.Status == RequestStatus.Decided ? "Portal.State.Deciding" : "Portal.State.Closed"],
            RequestStatus.Decided or RequestStatus.Closed => r.Outcome switch
            {
                RequestOutcome.Fulfilled => t["Portal.State.Fulfilled"],
                RequestOutcome.PartiallyFulfilled => t["Portal.State.Partial"],
                RequestOutcome.Refused => t["Portal.State.Refused"],
                _ => t["Portal.State.Closed"],
            },
            _ => t["Portal.State.InProgress"],
        };
    }

    private string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1048576.0).ToString("0.0 'MB'", _t!.Culture)
        : Math.Max(1, bytes / 1024).ToString("0 'kB'", _t!.Culture);

    private string Contact
    {
        get
        {
            var m = _access!.Merchant;
            return string.IsNullOrWhiteSpace(m.PrivacyOfficerEmail)
                ? _t!.F("Portal.ContactMerchant", m.Name)
                : _t!.F("Portal.Contact", string.IsNullOrWhiteSpace(m.PrivacyOfficerName) ? m.PrivacyOfficerEmail : $"{m.PrivacyOfficerName} ({m.PrivacyOfficerEmail})", m.Name);
        }
    }
}
