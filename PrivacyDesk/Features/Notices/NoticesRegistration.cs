namespace PrivacyDesk.Features.Notices;

public static class NoticesRegistration
{
    /// <summary>The notices the policies promise: policy versions and their campaigns, legal-process disclosure notices, and the recipients told of a rectification or erasure.</summary>
    public static IServiceCollection AddNotices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NoticeOptions>(configuration.GetSection("Notices"));
        services.AddScoped<PolicyService>();
        services.AddScoped<CampaignService>();
        services.AddScoped<LegalProcessNotices>();
        services.AddScoped<PolicyConsents>();
        services.AddScoped<Recipients.RecipientNoticeService>();
        services.AddSingleton<CampaignDispatcher>();
        services.AddScoped<Hosting.Demo.IDemoDataSeeder, DemoNotices>();
        return services;
    }
}
