using System.Globalization;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using PrivacyDesk.Hosting.Localization;
using Radzen;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>
/// Renders a component to HTML with the framework's HtmlRenderer (bUnit is not usable here, see
/// STACK.md) and parses it with AngleSharp. Interaction is tested in Chromium instead.
/// </summary>
public static class ComponentRenderer
{
    public static async Task<IHtmlDocument> RenderAsync<TComponent>(IDictionary<string, object?> parameters, string culture = "en-CA",
        Action<IServiceCollection>? configure = null) where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IJSRuntime, NoOpJsRuntime>();
        services.AddSingleton<NavigationManager, TestNavigationManager>();
        services.AddSingleton<UiText>();
        services.AddRadzenComponents();
        configure?.Invoke(services);
        await using var provider = services.BuildServiceProvider();

        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
            return new HtmlParser().ParseDocument(html);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private sealed class NoOpJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult(default(TValue)!);
    }

    private sealed class TestNavigationManager : NavigationManager
    {
        public TestNavigationManager() => Initialize("http://localhost/", "http://localhost/");
        protected override void NavigateToCore(string uri, NavigationOptions options) { }
    }
}
