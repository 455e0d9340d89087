using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Features.Admin.Users;

/// <summary>
/// Identity's data-protection tokens with a lifespan of their own: a set-password link must outlive a
/// weekend, while the default provider's tokens (one day) stay short. The token carries the security
/// stamp, which choosing a password renews: the link works once.
/// </summary>
public sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenOptions> options, ILogger<InvitationTokenProvider> log)
    : DataProtectorTokenProvider<StaffUser>(protection, options, log)
{
    public const string ProviderName = "Invitation";
}

public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions
{
    public static readonly TimeSpan Lifespan = TimeSpan.FromDays(7);

    public InvitationTokenOptions()
    {
        Name = InvitationTokenProvider.ProviderName;
        TokenLifespan = Lifespan;
    }
}
