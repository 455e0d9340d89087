using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Hosting;

namespace PrivacyDesk.Features.Documents;

public static class DocumentsRegistration
{
    /// <summary>Access responses (with their review step), letters and the fonts every PDF embeds (Documents:FontDirectory).</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration["Documents:FontDirectory"] is { Length: > 0 } fonts)
            PdfFonts.Directory = SettingsFile.Resolve(configuration, fonts);
        services.AddScoped<DocumentService>();
        services.AddScoped<Review.DisclosureReview>();
        return services;
    }
}
