namespace PrivacyDesk.Features.Portal;

public static class PortalRegistration
{
    /// <summary>The requester portal: the public side (links, codes, downloads) and the officer's.</summary>
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PortalOptions>(configuration.GetSection("Portal"));
        services.AddScoped<RequesterPortal>();
        services.AddScoped<PortalLinks>();
        services.AddSingleton<WebFormConfirmation>();
        services.AddSingleton<PortalSession>();
        // Replace with a real scanner (clamd, a vendor's API) to scan every requester upload before it is stored.
        services.AddSingleton<IUploadScanner, NoUploadScanner>();
        return services;
    }
}
