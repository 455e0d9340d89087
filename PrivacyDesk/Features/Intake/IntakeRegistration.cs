using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Intake.Sources;
using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Features.Intake;

public static class IntakeRegistration
{
    /// <summary>Mail in (mailboxes, intake, threading) and out (the outbox and its transport). The serve verb runs the two workers.</summary>
    public static IServiceCollection AddMailIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IntakeOptions>(configuration.GetSection("Intake"));
        services.Configure<MailOptions>(configuration.GetSection("Mail"));
        services.AddSingleton<MailThreading>();
        services.AddSingleton<AutoAcknowledgement>();
        services.AddSingleton<IntakeMeter>();
        services.AddSingleton<MailIntake>();
        services.AddSingleton<MaildirPoller>();
        services.AddSingleton<ImapPoller>();
        services.AddSingleton<MailPollingWorker>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<OutboxSender>();
        services.AddScoped<MailboxService>();
        services.AddScoped<IDemoDataSeeder, DemoMail>();
        return services;
    }
}
