using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Billing.Settings;

internal sealed class BillingSettingsConfiguration : IEntityTypeConfiguration<BillingSettings>
{
    public void Configure(EntityTypeBuilder<BillingSettings> builder)
    {
        builder.ToTable("billing_settings");
        builder.HasKey(x => x.TenantId);
        builder.Property(x => x.TenantId).ValueGeneratedNever();
        builder.Property(x => x.LegalName).HasMaxLength(200);
        builder.Property(x => x.LegalForm).HasMaxLength(100);
        builder.Property(x => x.ShareCapital).HasPrecision(14, 2);
        builder.Property(x => x.Line1).HasMaxLength(200);
        builder.Property(x => x.Line2).HasMaxLength(200);
        builder.Property(x => x.PostalCode).HasMaxLength(16);
        builder.Property(x => x.City).HasMaxLength(120);
        builder.Property(x => x.Country).HasMaxLength(2);
        builder.Property(x => x.Siren).HasMaxLength(9);
        builder.Property(x => x.Siret).HasMaxLength(14);
        builder.Property(x => x.Rcs).HasMaxLength(100);
        builder.Property(x => x.VatNumber).HasMaxLength(20);
        builder.Property(x => x.ElectronicAddress).HasMaxLength(254);
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.Property(x => x.VatRegime).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.LatePenaltyRate).HasPrecision(5, 2);
        builder.Property(x => x.Iban).HasMaxLength(34);
        builder.Property(x => x.Bic).HasMaxLength(11);
        builder.Property(x => x.InvoicePrefix).HasMaxLength(10);
        builder.Property(x => x.CreditNotePrefix).HasMaxLength(10);
        builder.Property(x => x.Language).HasMaxLength(2);
        builder.Property(x => x.DunningDays)
            .HasConversion(
                days => string.Join(',', days),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
                new ValueComparer<List<int>>((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, d) => HashCode.Combine(h, d)), l => l.ToList()))
            .HasMaxLength(100);
        builder.Property(x => x.StripePublishableKey).HasMaxLength(255);
        builder.Property(x => x.StripeSecretKeyProtected).HasMaxLength(2000);
        builder.Property(x => x.StripeWebhookSecretProtected).HasMaxLength(2000);
        builder.Ignore(x => x.StripeReady);
        builder.Property(x => x.Version).IsConcurrencyToken();
    }
}
