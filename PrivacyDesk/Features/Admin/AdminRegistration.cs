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
        services.AddScoped<StaffInvitations>();
        // The set-password link's own token provider (seven days; Identity's default tokens last one).
        services.AddTransient<InvitationTokenProvider>();
        services.Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o =>
            o.Tokens.ProviderMap[InvitationTokenProvider.ProviderName] = new Microsoft.AspNetCore.Identity.TokenProviderDescriptor(typeof(InvitationTokenProvider)));
        // A staff member's user name is their email address, which may be internationalised (jérôme.côté@exemple.ca):
        // Identity's default ASCII-only list refused what requesters may use. The address rule is UserAdminService's
        // (the same as requesters'), checked before Identity sees the user.
        services.Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.User.AllowedUserNameCharacters = "");
        return services;
    }
}
