using FluentValidation;
using Operators.Billing.Customers;
using Operators.Billing.Documents;
using Operators.Billing.Integrity;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.Billing.Privacy;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Billing;

/// <summary>Wires the billing service; its own host and the standalone host both call these two methods.</summary>
public static class BillingModule
{
    public const string Name = "Billing";

    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        builder.AddSpaceService<BillingDbContext, SqliteBillingDbContext, PostgresBillingDbContext, ProvisionSpaceConsumer>(Name);
        builder.Services.AddValidatorsFromAssemblyContaining<InvoiceRequestValidator>();
        builder.Services.AddScoped<BillingCalendar>();

        // Settings, customers, privacy.
        builder.Services.AddScoped<CustomerUpdates>();
        builder.AddConsumer<MemberBillingDetailsChangedConsumer, MemberBillingDetailsChangedConsumerDefinition>();
        builder.AddConsumer<CompanyChangedConsumer, CompanyChangedConsumerDefinition>();
        builder.AddConsumer<MemberErasedConsumer, MemberErasedConsumerDefinition>();

        // Invoices, credit notes, payments, integrity.
        builder.Services.AddScoped<InvoiceIssuer>();
        builder.Services.AddSingleton<IInvoiceDocumentRenderer, FacturXRenderer>();
        return builder;
    }

    public static WebApplication MapBilling(this WebApplication app)
    {
        var api = app.MapSpaceServiceApi<BillingDbContext>(Name);
        api.MapBillingSettings().MapCustomers().MapBillingPrivacy();
        api.MapInvoices().MapPayments().MapIntegrity();
        return app;
    }
}
