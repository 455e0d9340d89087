using Microsoft.AspNetCore.Components;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Requests.Pages;

/// <summary>
/// A rep logs a call, a letter or a counter visit. Each problem is said on its field in words that match it (a
/// 201-character name is "Enter at most 200 characters", not "Enter the person's name"), the same rules as the
/// intake's (RequestIntake.Validate) checked before sending; a double click or a second Enter logs one request;
/// the receipt time is typed on the merchant's clock, and a default (the merchant's language, "now") never replaces
/// what the rep already chose or typed.
/// </summary>
public partial class LogRequestPage
{
    [Inject] private RequestWorkflow Workflow { get; set; } = default!;
    [Inject] private CurrentStaff Staff { get; set; } = default!;
    [Inject] private MerchantService Merchants { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The intake's cap on a name (RequestIntake.Validate).</summary>
    private const int MaxName = 200;
    private const string AutoJurisdiction = "auto";

    // Staff log calls, letters and visits; web forms and email arrive on their own.
    private static readonly RequestChannel[] Channels = [RequestChannel.Phone, RequestChannel.Letter, RequestChannel.InPerson, RequestChannel.Email];
    private static readonly ContactChannels[] OptOutChannels = [ContactChannels.Email, ContactChannels.Sms, ContactChannels.Phone, ContactChannels.Post];

    private sealed class LogModel
    {
        public int MerchantId { get; set; }
        public RequestChannel Channel { get; set; } = RequestChannel.Phone;
        /// <summary>On the merchant's wall clock (what the caller's letter or the phone showed), not UTC.</summary>
        public DateTime? ReceivedAtLocal { get; set; }
        public HashSet<RequestType> Types { get; } = [];
        public HashSet<ContactChannels> OptOut { get; } = [];
        public string? Language { get; set; }
        public string Jurisdiction { get; set; } = AutoJurisdiction;
        public string? Subject { get; set; }
        public string? Message { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? Address { get; set; }
        public string? AgentName { get; set; }
        public string? AgentRelationship { get; set; }
        public string? AgentProof { get; set; }
    }

    private readonly LogModel _m = new();
    private IReadOnlyList<Merchant> _merchants = [];
    private Merchant? _merchant;
    /// <summary>Field → message; "contact" marks the three ways to reach the person, "form" a failure of the whole save.</summary>
    private Dictionary<string, string> _errors = [];
    private bool _saving, _saved, _submitted;
    // What the rep chose or typed themselves: a merchant change must not overwrite it with that merchant's default.
    private bool _languageChosen, _receivedTyped;

    protected override async Task OnInitializedAsync()
    {
        _merchants = await Merchants.ListAsync();
        var me = await Staff.GetAsync();
        _merchant = _merchants.FirstOrDefault(m => m.Id == me.SelectedMerchantId) ?? _merchants.FirstOrDefault();
        if (_merchant is not null)
        {
            _m.MerchantId = _merchant.Id;
            _m.Language = _merchant.DefaultLanguage;
            _m.ReceivedAtLocal = NowAt(_merchant);
        }
    }

    private static TimeZoneInfo ZoneOf(Merchant m) => JurisdictionCodes.TimeZoneFor(m.Country, m.Province);

    /// <summary>"Now" on the merchant's wall clock, to the minute: the server runs in UTC, the caller does not.</summary>
    private DateTime NowAt(Merchant m)
    {
        var local = TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), ZoneOf(m)).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
    }

    private void MerchantChanged(int id)
    {
        _m.MerchantId = id;
        _merchant = _merchants.FirstOrDefault(m => m.Id == id) ?? _merchant;
        if (_merchant is null) return;
        if (!_languageChosen) _m.Language = _merchant.DefaultLanguage;
        // A time the rep typed stays as typed: it is read on the new merchant's clock (the field says which).
        if (!_receivedTyped) _m.ReceivedAtLocal = NowAt(_merchant);
        Revalidate();
    }

    private void LanguageChanged(string? language)
    {
        _m.Language = language;
        _languageChosen = true;
        Revalidate();
    }

    private void ReceivedChanged(DateTime? value)
    {
        _m.ReceivedAtLocal = value;
        _receivedTyped = true;
        Revalidate();
    }

    private void ToggleType(RequestType type, bool on)
    {
        if (on) _m.Types.Add(type); else _m.Types.Remove(type);
        if (!_m.Types.Contains(RequestType.Withdrawal)) _m.OptOut.Clear();
        Revalidate();
    }

    private void ToggleOptOut(ContactChannels channel, bool on)
    {
        if (on) _m.OptOut.Add(channel); else _m.OptOut.Remove(channel);
    }

    /// <summary>The merchant's time zone under the receipt field, with the offset of the day typed (summer time or not).</summary>
    private string? ZoneText
    {
        get
        {
            if (_merchant is null) return null;
            var zone = ZoneOf(_merchant);
            var offset = zone.GetUtcOffset(_m.ReceivedAtLocal ?? NowAt(_merchant));
            var sign = offset < TimeSpan.Zero ? "−" : "+";
            return T.Format("Log.ReceivedZone", _merchant.Name, $"{sign}{offset.Duration():hh\\:mm}");
        }
    }

    private string? JurisdictionText(string? value) =>
        value == AutoJurisdiction || value is null
            ? _merchant is null ? T["Log.JurisdictionFromMerchant"]
                : T.Format("Log.JurisdictionFromMerchantIs", T[$"Rule.{JurisdictionCodes.ForLocation(_merchant.Country, _merchant.Province)}.Short"])
            : Enum.TryParse<Jurisdiction>(value, out var j) ? T[$"Rule.{j}.Short"] : value;

    private bool Has(string field) => _errors.ContainsKey(field);
    private string? Err(string field) => _errors.TryGetValue(field, out var message) && message.Length > 0 ? message : null;

    private string? LabelOf(string field) => field switch
    {
        "merchant" => T["Merchants.Switch"],
        "types" => T["Log.Types"],
        "receivedAt" => T["Log.ReceivedAt"],
        "language" => T["Requests.Language"],
        "subject" => T["Requests.Subject"],
        "message" => T["Log.WhatWasAsked"],
        "name" => T["Requests.RequesterName"],
        "email" => T["Login.Email"],
        "phone" => T["Requests.Phone"],
        "address" => T["Requests.PostalAddress"],
        _ => null,
    };

    /// <summary>After a first attempt, messages follow the corrections as they are made.</summary>
    private void Revalidate()
    {
        if (_submitted && !_saving) _errors = Validate(out _);
    }

    private string TooLong(int max) => T.Format("Common.MaxLength", max);

    /// <summary>The intake's rules (RequestIntake.Validate), each with the message of its own fault, and the command when there is none.</summary>
    private Dictionary<string, string> Validate(out NewRequest? cmd)
    {
        cmd = null;
        var errors = new Dictionary<string, string>();
        var merchant = _merchants.FirstOrDefault(m => m.Id == _m.MerchantId);
        if (merchant is null) errors["merchant"] = T["Log.Error.merchant"];
        if (_m.Types.Count == 0) errors["types"] = T["Log.Error.type"];
        if (_m.Language is not ("fr" or "en")) errors["language"] = T["Log.LanguageRequired"];

        var name = _m.Name?.Trim();
        if (string.IsNullOrEmpty(name)) errors["name"] = T["Log.Error.requester_name"];
        else if (name.Length > MaxName) errors["name"] = TooLong(MaxName);

        var email = Clean(_m.Email);
        if (email?.Length > RequestIntake.MaxEmail) errors["email"] = TooLong(RequestIntake.MaxEmail);
        else if (email is not null && !RequestIntake.LooksLikeEmail(email)) errors["email"] = T["Log.Error.requester_email"];
        var phone = Clean(_m.Phone);
        if (phone?.Length > RequestIntake.MaxPhone) errors["phone"] = TooLong(RequestIntake.MaxPhone);
        var address = Clean(_m.Address);
        if (address?.Length > RequestIntake.MaxPostalAddress) errors["address"] = TooLong(RequestIntake.MaxPostalAddress);
        if (email is null && phone is null && address is null) errors["contact"] = T["Log.Error.requester"];
        if (Clean(_m.Subject)?.Length > RequestIntake.MaxSubject) errors["subject"] = TooLong(RequestIntake.MaxSubject);
        if (_m.Message?.Length > RequestIntake.MaxMessage) errors["message"] = TooLong(RequestIntake.MaxMessage);

        DateTimeOffset? receivedAt = null;
        if (_m.ReceivedAtLocal is not { } local) errors["receivedAt"] = T["Log.Error.ReceivedRequired"];
        else if (merchant is not null)
        {
            // The clock starts at the real receipt time, read on the merchant's wall clock.
            var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            receivedAt = new DateTimeOffset(wall, ZoneOf(merchant).GetUtcOffset(wall));
            var now = Clock.GetUtcNow();
            if (receivedAt > now.AddMinutes(5)) errors["receivedAt"] = T["Log.Error.ReceivedFuture"];
            else if (receivedAt < now.AddYears(-3)) errors["receivedAt"] = T["Log.Error.ReceivedTooOld"];
        }

        if (errors.Count == 0 && merchant is not null)
        {
            var optOut = _m.OptOut.Aggregate(ContactChannels.None, (a, c) => a | c);
            var jurisdiction = Enum.TryParse<Jurisdiction>(_m.Jurisdiction, out var j) ? j : (Jurisdiction?)null;
            cmd = new NewRequest(merchant.Id, _m.Types.Order().ToList(), _m.Channel, _m.Language!, name!, email, phone, address,
                _m.Subject, _m.Message, jurisdiction, receivedAt, optOut, _m.AgentName, _m.AgentRelationship, _m.AgentProof);
        }
        return errors;
    }

    private async Task SubmitAsync()
    {
        // A second click or Enter while the first save runs does nothing (the button is busy, and this guard holds
        // between the click and the next render).
        if (_saving || _saved) return;
        _saving = true;
        _submitted = true;
        try
        {
            _errors = Validate(out var cmd);
            if (cmd is null) return;
            var request = await Workflow.LogAsync(cmd);
            _saved = true;
            Nav.NavigateTo($"requests/{request.Id}?logged=1");
        }
        catch (RequestValidationException ex)
        {
            // The intake found what the form did not (a clock that moved past a limit, say): same words, on the fields.
            _errors = Validate(out _);
            foreach (var key in ex.Errors.Keys.Where(k => !_errors.ContainsKey(FieldOf(k))))
                _errors[FieldOf(key)] = T.Has($"Log.Error.{key.Replace('.', '_')}", UiText.CurrentLanguage) ? T[$"Log.Error.{key.Replace('.', '_')}"] : T["Log.NotLogged"];
        }
        catch (StorageUnavailableException ex)
        {
            // The caller may still be on the line: keep the form as typed and say why it was not saved.
            _errors = new() { ["form"] = T[ex.TextKey] };
        }
        finally
        {
            if (!_saved) _saving = false;
        }
    }

    private static string FieldOf(string intakeKey) => intakeKey switch
    {
        "type" => "types",
        "requester.name" => "name",
        "requester.email" => "email",
        "requester.phone" => "phone",
        "requester.postalAddress" => "address",
        "requester" => "contact",
        var other => other,
    };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
