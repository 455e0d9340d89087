using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Documents;

/// <summary>Where a person can complain, per jurisdiction: the authority's name, address (as each language writes it), telephone and website.</summary>
public sealed record Regulator(string NameEn, string NameFr, string Address, string Phone, string Web, string? AddressFrench = null)
{
    public string Name(string language) => language == "fr" ? NameFr : NameEn;
    public string AddressIn(string language) => language == "fr" ? AddressFrench ?? Address : Address;
}

public static class Regulators
{
    public static Regulator For(Jurisdiction j) => j switch
    {
        Jurisdiction.Quebec => new("Commission d'accès à l'information du Québec", "Commission d'accès à l'information du Québec",
            "525, boulevard René-Lévesque Est, bureau 2.36, Québec (Québec) G1R 5S9", "1 888 528-7741", "www.cai.gouv.qc.ca"),
        Jurisdiction.Pipeda => new("Office of the Privacy Commissioner of Canada", "Commissariat à la protection de la vie privée du Canada",
            "30 Victoria Street, Gatineau, Quebec K1A 1H3", "1-800-282-1376", "www.priv.gc.ca", "30, rue Victoria, Gatineau (Québec) K1A 1H3"),
        Jurisdiction.Gdpr => new("Commission nationale de l'informatique et des libertés (CNIL)", "Commission nationale de l'informatique et des libertés (CNIL)",
            "3 Place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France", "+33 1 53 73 22 22", "www.cnil.fr"),
        Jurisdiction.Ccpa => new("California Privacy Protection Agency", "California Privacy Protection Agency",
            "2101 Arena Blvd, Sacramento, CA 95834, USA", "+1 916-254-7950", "cppa.ca.gov"),
        _ => throw new ArgumentOutOfRangeException(nameof(j)),
    };
}
