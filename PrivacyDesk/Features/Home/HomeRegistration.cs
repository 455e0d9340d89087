using PrivacyDesk.Features.Audit;

namespace PrivacyDesk.Features.Home;

public static class HomeRegistration
{
    /// <summary>The work home page's queries, and the audit viewer that officers and admins oversee the work with.</summary>
    public static IServiceCollection AddHome(this IServiceCollection services)
    {
        services.AddScoped<WorkHome>();
        services.AddScoped<AuditViewer>();
        return services;
    }
}
