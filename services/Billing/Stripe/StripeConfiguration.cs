using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Billing.Stripe;

internal sealed class StripeCheckoutConfiguration : IEntityTypeConfiguration<StripeCheckout>
{
    public void Configure(EntityTypeBuilder<StripeCheckout> builder)
    {
        builder.ToTable("stripe_checkouts");
        builder.HasKey(x => new { x.TenantId, x.Id });
        builder.Property(x => x.Id).HasMaxLength(255);
        builder.Property(x => x.Subject).HasMaxLength(16);
        builder.Property(x => x.Amount).HasPrecision(14, 2);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.Url).HasMaxLength(2000);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.PaymentIntent).HasMaxLength(255);
        builder.Property(x => x.SaleNet).HasPrecision(14, 2);
        builder.Property(x => x.SaleVatRate).HasPrecision(5, 2);
        builder.Property(x => x.GuestName).HasMaxLength(200);
        builder.Property(x => x.GuestEmail).HasMaxLength(256);
        builder.HasIndex(x => new { x.TenantId, x.Subject, x.SubjectId });
        builder.HasIndex(x => new { x.TenantId, x.PaymentIntent });
    }
}

internal sealed class StripeEventRecordConfiguration : IEntityTypeConfiguration<StripeEventRecord>
{
    public void Configure(EntityTypeBuilder<StripeEventRecord> builder)
    {
        builder.ToTable("stripe_events");
        builder.HasKey(x => new { x.TenantId, x.Id });
        builder.Property(x => x.Id).HasMaxLength(255);
        builder.Property(x => x.Type).HasMaxLength(100);
    }
}

internal sealed class StripeRefundConfiguration : IEntityTypeConfiguration<StripeRefund>
{
    public void Configure(EntityTypeBuilder<StripeRefund> builder)
    {
        builder.ToTable("stripe_refunds");
        builder.Property(x => x.PaymentIntent).HasMaxLength(255);
        builder.Property(x => x.Amount).HasPrecision(14, 2);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.Reason).HasMaxLength(500);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.StripeRefundId).HasMaxLength(255);
        builder.Property(x => x.LastError).HasMaxLength(1000);
        builder.HasIndex(x => new { x.TenantId, x.PaymentIntent });
        builder.HasIndex(x => new { x.TenantId, x.Status });
    }
}
