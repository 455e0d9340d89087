using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

[Collection(AppServerCollection.Name)]
public sealed class VerifyAuditCliTests(AppServer app)
{
    [Fact]
    public async Task Verify_audit_reports_ok_and_the_record_count_on_the_live_database()
    {
        var (exit, output) = await app.RunCliAsync("verify-audit");
        Assert.Equal(0, exit);
        var match = System.Text.RegularExpressions.Regex.Match(output, @"OK (\d+) records");
        Assert.True(match.Success, output);
        Assert.True(int.Parse(match.Groups[1].Value) > 10, output); // demo data alone writes dozens
    }
}
