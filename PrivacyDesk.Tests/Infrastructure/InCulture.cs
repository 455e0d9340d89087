using System.Globalization;

namespace PrivacyDesk.Tests.Infrastructure;

/// <summary>Runs a read with the UI culture of a reader (fr-CA, en-CA), as the app's localisation middleware would set it.</summary>
public static class InCulture
{
    public static T Read<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return read(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }
}
