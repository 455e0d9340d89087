using Microsoft.Playwright;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (never `playwright install`: no browser download here).
/// The flags keep it from reaching for the network this machine does not have.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh, isolated browser context (own cookies) for one test.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl, string locale = "en-CA")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = locale });
        context.SetDefaultTimeout(15_000);
        // Expectations wait as long as actions do (Playwright's default is 5 s): on a loaded 2-core CI machine an mbox
        // upload after the XSS corpus (thousands of quarantined messages) took longer than 5 s to report.
        Assertions.SetDefaultExpectTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
