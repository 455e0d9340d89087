using MudBlazor;

namespace PrivacyDesk.Components.Theme;

/// <summary>
/// The one theme of the staff app: a calm blue, status colours that stay readable on both
/// backgrounds (WCAG AA for text on the tinted chips), a local font stack (no web font can load on a
/// self-hosted box without internet) and a compact type scale for a dense desk.
/// </summary>
public static class AppTheme
{
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Noto Sans", "DejaVu Sans", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Instance { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5a96",
            Secondary = "#5b4a9b",
            Tertiary = "#0f766e",
            Info = "#1d5fa8",
            Success = "#1b6e3a",
            Warning = "#8a4b00",
            Error = "#b3261e",
            Dark = "#3d4450",
            AppbarBackground = "#17324f",
            AppbarText = "#ffffff",
            DrawerBackground = "#f6f8fb",
            DrawerText = "#1d2733",
            DrawerIcon = "#33475b",
            Background = "#ffffff",
            TextPrimary = "#1d2733",
            TextSecondary = "#4a5868",
            ActionDefault = "#3d4a59",
            LinesDefault = "#d5dce4",
            TableLines = "#e3e8ee",
            Divider = "#d5dce4",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8cb8ea",
            Secondary = "#b7a8ef",
            Tertiary = "#5ec7bb",
            Info = "#8cb8ea",
            Success = "#7bd19b",
            Warning = "#f0b35c",
            Error = "#f28b82",
            Dark = "#c5ccd6",
            AppbarBackground = "#0f1d2c",
            AppbarText = "#e8eef5",
            DrawerBackground = "#16202b",
            DrawerText = "#dbe3ec",
            DrawerIcon = "#b7c3d0",
            Background = "#111820",
            Surface = "#18222d",
            TextPrimary = "#e8eef5",
            TextSecondary = "#b3c0cd",
            ActionDefault = "#c5d0dc",
            LinesDefault = "#33414f",
            TableLines = "#2a3541",
            Divider = "#33414f",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack, FontSize = ".875rem", LineHeight = "1.45" },
            H1 = new H1Typography { FontFamily = FontStack, FontSize = "1.6rem", FontWeight = "600", LineHeight = "1.25" },
            H2 = new H2Typography { FontFamily = FontStack, FontSize = "1.3rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = FontStack, FontSize = "1.15rem", FontWeight = "600", LineHeight = "1.3" },
            H4 = new H4Typography { FontFamily = FontStack, FontSize = "1.05rem", FontWeight = "600", LineHeight = "1.3" },
            H5 = new H5Typography { FontFamily = FontStack, FontSize = "1rem", FontWeight = "600", LineHeight = "1.3" },
            H6 = new H6Typography { FontFamily = FontStack, FontSize = ".95rem", FontWeight = "600", LineHeight = "1.3" },
            Body1 = new Body1Typography { FontFamily = FontStack, FontSize = ".875rem", LineHeight = "1.45" },
            Body2 = new Body2Typography { FontFamily = FontStack, FontSize = ".8125rem", LineHeight = "1.4" },
            Button = new ButtonTypography { FontFamily = FontStack, FontSize = ".8125rem", FontWeight = "500", TextTransform = "none" },
            Caption = new CaptionTypography { FontFamily = FontStack, FontSize = ".75rem" },
            Subtitle1 = new Subtitle1Typography { FontFamily = FontStack, FontSize = ".9rem", FontWeight = "500" },
            Subtitle2 = new Subtitle2Typography { FontFamily = FontStack, FontSize = ".8125rem", FontWeight = "600" },
            Overline = new OverlineTypography { FontFamily = FontStack, FontSize = ".7rem" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", AppbarHeight = "56px", DrawerWidthLeft = "232px" },
    };
}
