using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Operators.Billing.Invoices;

namespace Operators.Billing.Charges;

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> builder)
    {
        builder.ToTable("charges");
        builder.Property(x => x.Source).HasConversion<string>().HasMaxLength(24);
        builder.Property(x => x.Description).HasMaxLength(500);
        builder.Property(x => x.UnitCode).HasMaxLength(3);
        builder.Property(x => x.Quantity).HasPrecision(12, 3);
        builder.Property(x => x.UnitPrice).HasPrecision(14, 4);
        builder.Property(x => x.VatRate).HasPrecision(5, 2);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.PaidWith).HasMaxLength(16);
        builder.Property(x => x.PaymentReference).HasMaxLength(255);
        builder.Ignore(x => x.Amount);
        // Claimed (or voided) only if nobody else did it first: see ChargeInvoicer.
        builder.Property(x => x.InvoiceId).IsConcurrencyToken();
        builder.Property(x => x.Voided).IsConcurrencyToken();
        // One charge per event source: the second delivery of an event finds its charge and adds nothing.
        builder.HasIndex(x => new { x.TenantId, x.Source, x.SourceId }).IsUnique();
        builder.HasIndex(x => new { x.TenantId, x.InvoiceId, x.Date });
        builder.HasIndex(x => new { x.TenantId, x.CustomerId });
        // Deleting a draft gives its charges back to the next run.
        builder.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.SetNull);
    }
}
