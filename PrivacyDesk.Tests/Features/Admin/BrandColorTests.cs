using PrivacyDesk.Features.Admin.Merchants;

namespace PrivacyDesk.Tests.Features.Admin;

/// <summary>The merchant's colour on the requester portal: always readable (WCAG AA for text), and refused when malformed.</summary>
public sealed class BrandColorTests
{
    [Theory]
    [InlineData("#ffffff", "#000000")]
    [InlineData("#ffd400", "#000000")]
    [InlineData("#1d3557", "#ffffff")]
    [InlineData("#0b5394", "#ffffff")]
    [InlineData("#777777", "#000000")]
    public void The_text_colour_is_the_one_that_contrasts_more(string background, string text) =>
        Assert.Equal(text, BrandColors.TextOn(background));

    [Fact]
    public void Every_colour_gets_text_it_contrasts_with_at_least_4_5_to_1()
    {
        for (var r = 0; r < 256; r += 17)
            for (var g = 0; g < 256; g += 17)
                for (var b = 0; b < 256; b += 17)
                {
                    var color = $"#{r:x2}{g:x2}{b:x2}";
                    Assert.True(BrandColors.ContrastWithText(color) >= 4.5, color);
                }
    }

    [Theory]
    [InlineData("#12345", false)]
    [InlineData("123456", false)]
    [InlineData("#12345g", false)]
    [InlineData("#12345678", false)]
    [InlineData("red;background:url(x)", false)]
    [InlineData("#A1b2C3", true)]
    public void Only_hash_and_six_hex_digits_is_a_colour(string value, bool valid) => Assert.Equal(valid, BrandColors.IsValid(value));
}
