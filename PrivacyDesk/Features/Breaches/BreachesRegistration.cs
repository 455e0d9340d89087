using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Features.Breaches;

public static class BreachesRegistration
{
    public static IServiceCollection AddBreaches(this IServiceCollection services)
    {
        services.AddScoped<BreachService>();
        services.AddScoped<IDemoDataSeeder, DemoIncidents>();
        return services;
    }
}
