using System.Diagnostics;
using System.Net;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>
/// What an administrator deploying the app does (README, "Deploy"): publish, copy the folder to
/// the server, create the first administrator, start it. The copy runs on its own: its settings
/// file, its data folder and its Data Protection keys, with only the .NET runtime beside it.
/// </summary>
public sealed class PublishTests
{
    private static async Task<(int Exit, string Output)> RunAsync(string file, string workingDirectory, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("PRIVACYDESK_SETTINGS");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task The_published_folder_copied_elsewhere_starts_on_its_own_and_serves_the_sign_in_page()
    {
        var root = Path.Combine(Path.GetTempPath(), "pd-publish-" + Guid.NewGuid().ToString("N"));
        var published = Path.Combine(root, "out");
        var configuration = typeof(PublishTests).Assembly.Location.Contains("/Release/") ? "Release" : "Debug";
        var publish = await RunAsync("dotnet", RepoPaths.Root,
            ["publish", Path.Combine("PrivacyDesk", "PrivacyDesk.csproj"), "-c", configuration, "--no-build", "-o", published, "--nologo"], TimeSpan.FromMinutes(5));
        Assert.True(publish.Exit == 0, publish.Output);
        Assert.True(File.Exists(Path.Combine(published, "appsettings.json")), "the settings file is published");
        Assert.False(File.Exists(Path.Combine(published, "Microsoft.CodeAnalysis.dll")), "design-time Roslyn stays out of the publish");

        // Somewhere else, as on the server: nothing of the source checkout around it.
        var server = Path.Combine(root, "opt", "privacydesk");
        Directory.CreateDirectory(Path.GetDirectoryName(server)!);
        Directory.Move(published, server);
        var dll = Path.Combine(server, "PrivacyDesk.dll");
        var admin = await RunAsync("dotnet", root, [dll, "create-admin", "--email", "admin@deploy.example", "--password", "Correct-Horse-42"], TimeSpan.FromMinutes(2));
        Assert.True(admin.Exit == 0, admin.Output);

        var port = InProcessApp.FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "serve", "--urls", $"http://127.0.0.1:{port}" }) info.ArgumentList.Add(a);
        info.Environment.Remove("PRIVACYDESK_SETTINGS");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var app = Process.Start(info)!;
        var log = new System.Text.StringBuilder();
        app.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        app.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            HttpResponseMessage? login = null;
            for (var i = 0; i < 150 && login is null; i++)
            {
                try { login = await http.GetAsync("/account/login"); }
                catch (HttpRequestException) { await Task.Delay(200); }
                Assert.False(app.HasExited, "the published app stopped: " + log);
            }
            Assert.NotNull(login);
            Assert.Equal(HttpStatusCode.OK, login!.StatusCode);
            Assert.Contains("Input.Password", await login.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/_framework/blazor.web.js")).StatusCode);
            // Its data and its key ring live with it, where the settings say, not in a home folder.
            Assert.True(File.Exists(Path.Combine(server, "data", "privacydesk.db")));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(server, "data", "keys"), "key-*.xml"));
            lock (log) Assert.DoesNotContain("ephemeral", log.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
