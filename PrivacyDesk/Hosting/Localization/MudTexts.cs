using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PrivacyDesk.Hosting.Localization;

/// <summary>
/// MudBlazor's own texts (pager, filters, dialogs, pickers) in the UI's language: its keys
/// ("MudDataGridPager_RowsPerPage") live in strings.{en,fr}.json as "Mud.&lt;key&gt;", beside the app's,
/// so the same-keys test covers them. A key we do not carry falls back to MudBlazor's English.
/// </summary>
public sealed class MudTexts(UiText text) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var ours = "Mud." + key;
            var language = UiText.CurrentLanguage;
            return text.Has(ours, language)
                ? new LocalizedString(key, text.Get(ours, language))
                : new LocalizedString(key, key, resourceNotFound: true);
        }
    }
}
