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
        // The GDPR's own limits: art. 23(1)(d) needs a national law to name, so it is not offered as a ground by itself.
        Jurisdiction.Gdpr =>
            [RefusalGround.ThirdPartyInformation, RefusalGround.IdentityNotVerified, RefusalGround.LegalProceedings, RefusalGround.LegalObligationToKeep, RefusalGround.ManifestlyUnfoundedOrExcessive],
        _ => Enum.GetValues<RefusalGround>(),
    };

    /// <summary>
    /// The grounds for a request of these types: keeping what the law requires answers a request to delete, not one to
    /// see; under the GDPR legal claims (art. 17(3)(e)) limit erasure only.
    /// </summary>
    public static IReadOnlyList<RefusalGround> For(Jurisdiction regime, IReadOnlyList<RequestType> types) =>
        In(regime).Where(g => g switch
        {
            RefusalGround.LegalObligationToKeep => types.Contains(RequestType.Erasure),
            RefusalGround.LegalProceedings when regime == Jurisdiction.Gdpr => types.Contains(RequestType.Erasure),
            _ => true,
        }).ToList();

    public static bool Applies(RefusalGround ground, Jurisdiction regime, IReadOnlyList<RequestType> types) => For(regime, types).Contains(ground);

    /// <summary>The grounds on which part of an access response may be left out (the review step).</summary>
    public static IReadOnlyList<RefusalGround> ForWithholding(Jurisdiction regime) => regime == Jurisdiction.Gdpr
        ? [RefusalGround.ThirdPartyInformation]
        : [RefusalGround.ThirdPartyInformation, RefusalGround.LegalProceedings, RefusalGround.Investigation];
}
