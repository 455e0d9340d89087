using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Load;

/// <summary>
/// Many staff circuits searching the queue while mail intake imports: memory per circuit and the
/// latency of a search (Enter to the grid showing the request). A measurement, run by
/// scripts/load-test.sh (not by the test command); results go to BENCHMARKS.md. It fails only if a
/// circuit breaks, a search never answers, or intake loses mail.
/// </summary>
[Collection(AppServerCollection.Name)]
[Trait("Category", "Load")]
public sealed class CircuitLoadTests(AppServer app, BrowserFixture browser, ITestOutputHelper output)
{
    private static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;

    private long RssKiB() =>
        long.Parse(Regex.Match(File.ReadAllText($"/proc/{app.ProcessId}/status"), @"VmRSS:\s+(\d+) kB").Groups[1].Value);

    [Fact]
    public async Task Concurrent_circuits_search_the_queue_while_intake_runs()
    {
        var circuits = Env("PD_LOAD_CIRCUITS", 20);
        var seconds = Env("PD_LOAD_SECONDS", 60);

        // One warm page first (JIT, caches), and the references to search for.
        var warm = await browser.NewPageAsync(app.BaseUrl);
        await warm.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await warm.GotoAsync("/requests");
        await warm.WaitForBlazorAsync();
        var references = (await warm.Locator("[data-testid=queue-grid] a.pd-ref").AllInnerTextsAsync()).Take(10).ToList();
        Assert.NotEmpty(references);
        GC.Collect();
        await Task.Delay(2000);
        var before = RssKiB();

        var pages = new List<IPage>();
        for (var i = 0; i < circuits; i++)
        {
            var page = await browser.NewPageAsync(app.BaseUrl);
            await page.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
            await page.GotoAsync("/requests");
            await page.WaitForBlazorAsync();
            pages.Add(page);
        }
        await Task.Delay(3000);
        var after = RssKiB();
        var perCircuitKiB = (after - before) / (double)circuits;

        // Intake in the background: mbox imports through the CLI, against the same database.
        var mailCount = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var intake = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var file = Path.Combine(app.Directory, $"load-{n++}.mbox");
                var sb = new StringBuilder();
                for (var i = 0; i < 100; i++)
                    sb.Append($"From x@example.com Sun Nov 22 12:00:00 2026\nFrom: Load {n}-{i} <load{n}-{i}@example.com>\nSubject: Delete my account\nMessage-ID: <load-{n}-{i}-{Guid.NewGuid():N}@example.com>\n\nPlease delete my account.\n\n");
                await File.WriteAllTextAsync(file, sb.ToString());
                var (code, text) = await app.RunCliAsync("import", "--merchant", "mm-laval", file);
                Assert.True(code == 0, text);
                Assert.True(text.Contains("100 new requests", StringComparison.Ordinal), text); // the whole output when it fails (the warnings say why)
                Interlocked.Add(ref mailCount, 100);
            }
        });

        var latencies = new List<double>();
        var failures = new List<string>();
        var workers = pages.Select((page, index) => Task.Run(async () =>
        {
            var k = index;
            while (!stop.IsCancellationRequested)
            {
                var reference = references[k++ % references.Count];
                var search = page.Locator("input[name=search]");
                await search.FillAsync(reference);
                var watch = Stopwatch.StartNew();
                await search.PressAsync("Enter");
                try
                {
                    await page.Locator("[data-testid=queue-grid] a.pd-ref", new() { HasText = reference }).First.WaitForAsync(new() { Timeout = 30_000 });
                    await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=queue-grid] a.pd-ref")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
                    lock (latencies) latencies.Add(watch.Elapsed.TotalMilliseconds);
                }
                catch (Exception e) when (e is TimeoutException or PlaywrightException)
                {
                    lock (failures) failures.Add($"{reference}: {e.Message.Split('\n')[0]}");
                }
                if (await page.Locator("#blazor-error-ui").IsVisibleAsync()) lock (failures) failures.Add("circuit error UI shown");
            }
        })).ToList();
        await Task.WhenAll(workers);
        await intake;

        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        var summary = $"{circuits} circuits for {seconds} s on {Environment.ProcessorCount} cores, while intake imported {mailCount} messages: " +
                      $"app memory {before / 1024} MiB -> {after / 1024} MiB = {perCircuitKiB / 1024:0.0} MiB per circuit; " +
                      $"{latencies.Count} searches, latency p50 {P(0.5):0} ms, p95 {P(0.95):0} ms, max {latencies.LastOrDefault():0} ms; {failures.Count} failures";
        output.WriteLine(summary);
        File.WriteAllText(Path.Combine(RepoPaths.TestOutput, "load.txt"), summary + "\n");
        foreach (var p in pages) await p.Context.CloseAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.True(latencies.Count >= circuits, "every circuit completed searches");
        Assert.True(mailCount > 0);
    }
}
