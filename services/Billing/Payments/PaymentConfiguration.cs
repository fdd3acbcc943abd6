using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Operators.Billing.Invoices;

namespace Operators.Billing.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.Property(x => x.Amount).HasPrecision(14, 2);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Reference).HasMaxLength(100);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.TenantId, x.InvoiceId });
    }
}
