using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Billing.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        // Membership's ids (a person's, a company's): one person can be a customer of several spaces.
        builder.HasKey(x => new { x.TenantId, x.Id });
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.DisplayName).HasMaxLength(200);
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.Property(x => x.BillingName).HasMaxLength(200);
        builder.Property(x => x.Line1).HasMaxLength(200);
        builder.Property(x => x.Line2).HasMaxLength(200);
        builder.Property(x => x.PostalCode).HasMaxLength(16);
        builder.Property(x => x.City).HasMaxLength(120);
        builder.Property(x => x.Country).HasMaxLength(2);
        builder.Property(x => x.Siren).HasMaxLength(9);
        builder.Property(x => x.VatNumber).HasMaxLength(20);
        builder.Property(x => x.Language).HasMaxLength(2);
        builder.HasIndex(x => new { x.TenantId, x.CompanyId });
    }
}
