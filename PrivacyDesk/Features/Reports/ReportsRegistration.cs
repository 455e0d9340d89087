namespace PrivacyDesk.Features.Reports;

public static class ReportsRegistration
{
    public static IServiceCollection AddReports(this IServiceCollection services) => services.AddScoped<ReportService>();
}
