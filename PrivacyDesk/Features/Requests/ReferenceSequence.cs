namespace PrivacyDesk.Features.Requests;

/// <summary>The next reference number of a year (PD-2027-000123); installation-wide so references are unique.</summary>
public class ReferenceSequence
{
    public int Year { get; set; }
    public int Next { get; set; }
}
