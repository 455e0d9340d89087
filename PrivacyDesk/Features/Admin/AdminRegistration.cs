using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Features.Admin;

public static class AdminRegistration
{
    /// <summary>Staff, their sessions and merchants.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<CurrentStaff>();
        services.AddSingleton<StaffSessions>();
        services.AddScoped<MerchantService>();
        services.AddScoped<UserAdminService>();
        return services;
    }
}
