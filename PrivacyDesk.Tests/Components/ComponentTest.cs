using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Components;

/// <summary>
/// bUnit with MudBlazor's services, the app's strings (MudBlazor's own texts included) in the
/// chosen language, and, for pages, the app's real services on a real SQLite file acting as a given
/// staff member (services bUnit does not have come from that scope).
/// </summary>
public abstract class ComponentTest : BunitContext
{
    private readonly (CultureInfo, CultureInfo) _previousCulture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
    private AsyncServiceScope? _scope;

    protected ComponentTest()
    {
        Services.AddMudServices();
        Services.AddSingleton(UiText.Shared);
        Services.AddTransient<MudLocalizer, MudTexts>();
        // MudBlazor calls its JS on first render (popovers, focus); loose mode answers with defaults.
        JSInterop.Mode = JSRuntimeMode.Loose;
        UseCulture("en-CA");
    }

    /// <summary>The UI language for what is rendered next (the app sets it per circuit from the user's choice).</summary>
    protected static void UseCulture(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);

    /// <summary>The app's services on <paramref name="host"/>, as <paramref name="userId"/>; call before the first Render.</summary>
    protected void UseApp(TestHost host, string userId)
    {
        _scope = host.ActAs(userId);
        Services.AddFallbackServiceProvider(_scope.Value.ServiceProvider);
    }

    /// <summary>Renders MudBlazor's providers (popovers, dialogs) so that lists and dialogs have somewhere to open.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderProviders()
    {
        var popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        return popovers;
    }

    protected IRenderedComponent<MudDialogProvider>? Dialogs { get; private set; }

    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Disposed after the components (a TestHost a test's pages run on).</summary>
    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_scope is { } scope) await scope.DisposeAsync();
        foreach (var d in _owned) await d.DisposeAsync();
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = _previousCulture;
    }
}
