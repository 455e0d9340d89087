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

#pragma warning disable SYSLIB0001 // UTF-7 is read, never written; see Find.
    private static readonly Encoding Utf7 = new UTF7Encoding();
#pragma warning restore SYSLIB0001

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
        // .NET refuses UTF-7 (NotSupportedException) because browsers once ran script hidden in it; decoding it
        // to text that is then shown as text, or sanitised, is safe, and refusing it stopped intake.
        if (n is "utf-7" or "utf7" or "x-utf-7" or "unicode-1-1-utf-7" or "csunicode11utf7" or "unicode-2-0-utf-7") return Utf7;
        try { return Encoding.GetEncoding(n); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { }
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
        if (enc is not null && enc.CodePage != Latin1.CodePage)
        {
            try { return enc.GetString(bytes); }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or DecoderFallbackException) { } // a broken code page: keep the bytes readable
        }
        return DecodeUndeclared(bytes);
    }

    public static string DecodeUndeclared(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        return Latin1.GetString(bytes);
    }
}
