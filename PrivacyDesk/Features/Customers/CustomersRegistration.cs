using PrivacyDesk.Features.Customers.Import;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Hosting.Demo;

namespace PrivacyDesk.Features.Customers;

public static class CustomersRegistration
{
    /// <summary>Customer data, its inventory and imports.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddScoped<CustomerService>();
        services.AddScoped<CustomerActions>();
        services.AddScoped<InventoryService>();
        services.AddSingleton<CustomerImporter>();
        services.AddSingleton<RecordImporter>();
        services.AddScoped<CustomerImportService>();
        services.AddScoped<IDemoDataSeeder, DemoCustomers>();
        return services;
    }
}
