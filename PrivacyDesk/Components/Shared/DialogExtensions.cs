using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace PrivacyDesk.Components.Shared;

public static class DialogExtensions
{
    /// <summary>The app's dialogs: Escape closes them, a click beside them does not (nothing typed is lost).</summary>
    public static DialogOptions Options(MaxWidth width = MaxWidth.Small) =>
        new() { MaxWidth = width, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false, CloseButton = true };

    /// <summary>Asks before an irreversible or mass action; true only when the user confirmed.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText,
        bool danger = false, RenderFragment? preview = null, MaxWidth width = MaxWidth.Small)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
            { d => d.Danger, danger },
            { d => d.Preview, preview },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, Options(width));
        var result = await dialog.Result;
        return result is { Canceled: false };
    }

    /// <summary>Shows a dialog component and returns its result's data, or default when cancelled.</summary>
    public static async Task<TResult?> AskAsync<TDialog, TResult>(this IDialogService dialogs, string title, DialogParameters<TDialog>? parameters = null,
        MaxWidth width = MaxWidth.Small) where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var dialog = await dialogs.ShowAsync<TDialog>(title, parameters ?? [], Options(width));
        var result = await dialog.Result;
        return result is { Canceled: false, Data: TResult data } ? data : default;
    }
}
