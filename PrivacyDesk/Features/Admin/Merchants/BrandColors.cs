using System.Globalization;

namespace PrivacyDesk.Features.Admin.Merchants;

/// <summary>
/// A merchant's colour as "#RRGGBB", and the text colour for it: black or white, whichever has the higher
/// WCAG contrast ratio (for any colour one of the two reaches 4.5:1 or more, so the header always reads).
/// </summary>
public static class BrandColors
{
    public static bool IsValid(string color) =>
        color.Length == 7 && color[0] == '#' && color[1..].All(char.IsAsciiHexDigit);

    public static string TextOn(string color)
    {
        var l = Luminance(color);
        return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
    }

    public static double ContrastWithText(string color)
    {
        var l = Luminance(color);
        return Math.Max((l + 0.05) / 0.05, 1.05 / (l + 0.05));
    }

    private static double Luminance(string color)
    {
        double Channel(int i)
        {
            var c = int.Parse(color.AsSpan(1 + i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(0) + 0.7152 * Channel(1) + 0.0722 * Channel(2);
    }
}
