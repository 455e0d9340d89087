using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using PrivacyDesk.Hosting;

namespace PrivacyDesk.Tests.Trust;

/// <summary>The app's own route table: every page and endpoint it maps, built as the app builds it.</summary>
internal static class RouteTable
{
    public static async Task<IReadOnlyList<RouteEndpoint>> LoadAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pd-routes-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [$"--Database:Path={Path.Combine(dir, "r.db")}"],
            ApplicationName = "PrivacyDesk", // the static-assets manifest is named after the app
        });
        builder.AddPrivacyDesk();
        await using var web = builder.Build();
        web.UsePrivacyDesk();
        return ((IEndpointRouteBuilder)web).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
    }

    public static string Pattern(RouteEndpoint e) => (e.RoutePattern.RawText ?? "").TrimStart('/');

    /// <summary>A path for the pattern with every parameter set to 1: enough to reach the authorisation check.</summary>
    public static string SamplePath(RouteEndpoint e) => "/" + System.Text.RegularExpressions.Regex.Replace(Pattern(e), @"\{[^}]+\}", "1");

    public static IReadOnlyList<string> Methods(RouteEndpoint e) =>
        e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
}
