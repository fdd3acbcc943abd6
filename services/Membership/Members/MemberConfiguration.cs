using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Membership.Members;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("members");
        // The person's id, given by the gateway; one person can be a member of several spaces.
        builder.HasKey(x => new { x.TenantId, x.Id });
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.Property(x => x.DisplayName).HasMaxLength(120);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Bio).HasMaxLength(2000);
        builder.Property(x => x.Offers).HasMaxLength(1000);
        builder.Property(x => x.LooksFor).HasMaxLength(1000);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.OwnsOne(x => x.Billing, BillingIdentityConfiguration.Configure);
        builder.HasIndex(x => x.CompanyId);
    }
}

/// <summary>The billing identity's columns, prefixed <c>billing_</c>, shared by members and companies.</summary>
internal static class BillingIdentityConfiguration
{
    public static void Configure<TOwner>(OwnedNavigationBuilder<TOwner, BillingIdentity> billing)
        where TOwner : class
    {
        billing.Property(b => b.Name).HasColumnName("billing_name").HasMaxLength(200);
        billing.Property(b => b.Line1).HasColumnName("billing_line1").HasMaxLength(200);
        billing.Property(b => b.Line2).HasColumnName("billing_line2").HasMaxLength(200);
        billing.Property(b => b.PostalCode).HasColumnName("billing_postal_code").HasMaxLength(16);
        billing.Property(b => b.City).HasColumnName("billing_city").HasMaxLength(120);
        billing.Property(b => b.Country).HasColumnName("billing_country").HasMaxLength(2);
        billing.Property(b => b.IsBusiness).HasColumnName("billing_is_business");
        billing.Property(b => b.Siren).HasColumnName("billing_siren").HasMaxLength(9);
        billing.Property(b => b.VatNumber).HasColumnName("billing_vat_number").HasMaxLength(20);
    }
}
