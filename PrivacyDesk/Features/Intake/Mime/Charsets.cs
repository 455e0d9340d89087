using System.Text;

namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>Maps MIME charset names to .NET encodings, forgiving the names real mailers use.</summary>
public static class Charsets
{
    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Strict UTF-8: throws on invalid bytes so callers can fall back.</summary>
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>The fallback for undeclared 8-bit text: Windows-1252 is Latin-1 plus the characters Outlook actually sends.</summary>
    public static Encoding Fallback => Latin1;

    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var n = name.Trim().Trim('"', '\'').ToLowerInvariant();
        var star = n.IndexOf('*'); // RFC 2231 language suffix: utf-8*en
        if (star >= 0) n = n[..star];
        n = n switch
        {
            "utf8" or "utf-8" or "unicode-1-1-utf-8" or "x-unicode20utf8" => "utf-8",
            "latin1" or "latin-1" or "iso8859-1" or "iso_8859-1" or "l1" => "iso-8859-1",
            "iso-8859-8-i" => "iso-8859-8",
            "ascii" or "us_ascii" or "ansi_x3.4-1968" or "x-unknown" or "unknown-8bit" or "default" => "us-ascii",
            "cp1252" or "x-cp1252" => "windows-1252",
            "ks_c_5601" or "ks_c_5601-1987" or "x-ks_c_5601" => "ks_c_5601-1987",
            "gb2312" or "x-gbk" => "gb2312",
            _ => n,
        };
        // Undeclared 7-bit "us-ascii" bodies often carry Latin-1 anyway; decoding as Latin-1 never loses a byte.
        if (n == "us-ascii") return Latin1;
        if (n == "utf-8") return Encoding.UTF8;
        try { return Encoding.GetEncoding(n); }
        catch (ArgumentException) { }
        if (n.StartsWith("windows-", StringComparison.Ordinal) || n.StartsWith("cp", StringComparison.Ordinal))
        {
            var digits = new string(n.Where(char.IsAsciiDigit).ToArray());
            if (int.TryParse(digits, out var cp)) try { return Encoding.GetEncoding(cp); } catch (Exception e) when (e is ArgumentException or NotSupportedException) { }
        }
        return null;
    }

    /// <summary>Decodes with the declared charset; undeclared or unknown: UTF-8 when valid, else Latin-1.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        var enc = Find(charset);
        if (enc is not null && enc.CodePage != Latin1.CodePage) return enc.GetString(bytes);
        return DecodeUndeclared(bytes);
    }

    public static string DecodeUndeclared(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        return Latin1.GetString(bytes);
    }
}
