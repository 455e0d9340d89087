using PrivacyDesk.Features.Requests.Api;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Queue;
using PrivacyDesk.Features.Requests.Retention;
using PrivacyDesk.Features.Requests.Templates;
using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Features.Requests;

public static class RequestsRegistration
{
    /// <summary>The queue, its deadlines, the workflow, reply templates, the intake API and retention.</summary>
    public static IServiceCollection AddRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection("Retention"));
        services.AddSingleton<RequestIntake>();
        services.AddSingleton<DeadlineExplainer>();
        services.AddScoped<RequestWorkflow>();
        services.AddScoped<RequestQueue>();
        services.AddScoped<ReplyTemplateService>();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<RequestRetention>();
        services.AddScoped<IDemoDataSeeder, DemoRequests>();
        return services;
    }
}
