using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Requests;

/// <summary>
/// Why a request is refused in whole or in part. Each ground maps to the provision of law the letter
/// must cite in the request's regime (Quebec s. 34: "the provision of law on which the refusal is
/// based"); a ground a regime does not know cannot be chosen for it (Quebec and PIPEDA have no
/// "manifestly unfounded or excessive": the CAI alone may allow an enterprise to disregard a request).
/// </summary>
public enum RefusalGround
{
    /// <summary>Disclosure would reveal information about another person.</summary>
    ThirdPartyInformation,
    /// <summary>Identity (or an agent's authority) could not be verified.</summary>
    IdentityNotVerified,
    /// <summary>Disclosure would likely affect judicial proceedings, or the information is privileged.</summary>
    LegalProceedings,
    /// <summary>Disclosure would likely hinder an inquiry into a crime or a contravention of law.</summary>
    Investigation,
    /// <summary>Erasure or cessation refused: the law requires the information to be kept.</summary>
    LegalObligationToKeep,
    /// <summary>Manifestly unfounded or excessive (GDPR art. 12(5); CCPA).</summary>
    ManifestlyUnfoundedOrExcessive,
}

public static class RefusalGrounds
{
    /// <summary>The grounds the regime knows, in the order the decision form offers them.</summary>
    public static IReadOnlyList<RefusalGround> In(Jurisdiction regime) => regime switch
    {
        Jurisdiction.Quebec or Jurisdiction.Pipeda =>
            [RefusalGround.ThirdPartyInformation, RefusalGround.IdentityNotVerified, RefusalGround.LegalProceedings, RefusalGround.Investigation, RefusalGround.LegalObligationToKeep],
        _ => Enum.GetValues<RefusalGround>(),
    };

    public static bool Applies(RefusalGround ground, Jurisdiction regime) => In(regime).Contains(ground);
}
