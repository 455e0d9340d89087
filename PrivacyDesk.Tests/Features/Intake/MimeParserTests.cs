using System.Text;
using PrivacyDesk.Features.Intake.Mime;

namespace PrivacyDesk.Tests.Features.Intake;

/// <summary>Mail the oracle corpus does not have: French mail as Quebec and French mailers write it, and broken input.</summary>
public sealed class MimeParserTests
{
    private static MimeMessage Parse(string text, Encoding? encoding = null) =>
        MimeParser.Parse((encoding ?? Encoding.UTF8).GetBytes(text.ReplaceLineEndings("\r\n")));

    [Fact]
    public void Encoded_words_split_inside_a_multibyte_character_are_joined_before_decoding()
    {
        // "Demande d'accès" with the two bytes of "è" (C3 A8) split across two B-encoded words.
        var m = Parse("""
            From: =?utf-8?Q?H=C3=A9l=C3=A8ne?= Tremblay <helene@example.ca>
            Subject: =?utf-8?B?RGVtYW5kZSBkJ2FjY8M=?=
             =?utf-8?B?qHM=?=
            
            Bonjour
            """);
        Assert.Equal("Demande d'accès", m.Subject);
        Assert.Equal("Hélène Tremblay", m.From.Single().Name);
        Assert.Equal("helene@example.ca", m.From.Single().Address);
    }

    [Fact]
    public void Rfc2231_continuations_and_charsets_name_attachments()
    {
        var m = Parse("""
            From: a@example.com
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Pi=E8ce jointe : ma facture.
            --b1
            Content-Type: application/pdf
            Content-Disposition: attachment;
             filename*0*=utf-8''Re%C3%A7u%20de;
             filename*1=" paiement.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b1--
            """);
        Assert.Equal("Pièce jointe : ma facture.", m.TextBody);
        var attachment = Assert.Single(m.Attachments);
        Assert.Equal("Reçu de paiement.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal(9, attachment.SizeBytes); // "%PDF-1.4\n"
    }

    [Fact]
    public void Latin1_8bit_body_without_a_charset_and_base64_with_bad_padding_are_read()
    {
        var latin1 = Parse("From: a@example.com\nSubject: test\n\nJe d\u00e9sire acc\u00e9der \u00e0 mes donn\u00e9es.", Encoding.Latin1);
        Assert.Equal("Je désire accéder à mes données.", latin1.TextBody);

        var badPadding = Parse("From: a@example.com\nContent-Transfer-Encoding: base64\n\nQm9uam91ciDDoCB0b3Vz\n=\nIQ");
        Assert.StartsWith("Bonjour à tous", badPadding.TextBody);
    }

    [Fact]
    public void Groups_comments_and_routes_in_address_lists()
    {
        var m = Parse("""
            From: "Tremblay, Hélène" <helene@example.ca>
            To: Équipe vie privée: dpo@example.fr, (Service client) support@example.fr;, <@relay.example:jean@example.com>
            Cc: undisclosed-recipients:;

            x
            """);
        Assert.Equal("Tremblay, Hélène", m.From.Single().Name);
        Assert.Equal(["dpo@example.fr", "support@example.fr", "jean@example.com"], m.To.Select(a => a.Address));
        Assert.Equal("Service client", m.To[1].Name);
        Assert.Empty(m.Cc);
    }

    [Theory]
    [InlineData("Mon, 2 Nov 2026 09:05:00 -0500", "2026-11-02T09:05:00-05:00")]
    [InlineData("2 Nov 26 09:05 EST", "2026-11-02T09:05:00-05:00")]
    [InlineData("lun., 2 nov. 2026 15:05:07 +0100 (CET)", "2026-11-02T15:05:07+01:00")]
    [InlineData("Mon, 02 Nov 2026 14:05:07 +01:00", "2026-11-02T14:05:07+01:00")]
    [InlineData("Monday, November 2, 2026 2:05 PM", "2026-11-02T14:05:00+00:00")]
    [InlineData("not a date", null)]
    public void Dates_in_standard_and_broken_forms(string header, string? expected)
    {
        var parsed = MailDates.Parse(header);
        Assert.Equal(expected, parsed is { } d ? MailDates.Format(d) : null);
    }

    [Fact]
    public void Html_only_mail_has_an_html_body_and_no_text_body()
    {
        var m = Parse("""
            From: a@example.com
            Content-Type: multipart/alternative; boundary=x

            --x
            Content-Type: text/html; charset=utf-8

            <p>Je veux <b>supprimer</b> mon compte</p>
            --x--
            """);
        Assert.Null(m.TextBody);
        Assert.Equal("<p>Je veux <b>supprimer</b> mon compte</p>", m.HtmlBody);
    }

    [Fact]
    public void Garbage_input_never_throws_and_says_why_it_is_not_mail()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 4000)];
            random.NextBytes(bytes);
            var m = MimeParser.Parse(bytes);
            _ = (m.Subject, m.From, m.TextBody, m.HtmlBody, m.Attachments, m.Date);
        }
        var binary = MimeParser.Parse([0x00, 0xFF, 0x10, 0x0A, 0x0A, 0x41]);
        Assert.NotNull(binary.ParseError);
    }

    [Fact]
    public void Deep_nesting_is_bounded()
    {
        var sb = new StringBuilder("From: a@example.com\r\n");
        for (var i = 0; i < 5000; i++) sb.Append($"Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n");
        sb.Append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        var m = MimeParser.Parse(Encoding.ASCII.GetBytes(sb.ToString()));
        Assert.Null(m.ParseError);
        _ = m.TextBody;
    }
}
