using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Membership.Subscriptions;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions");
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.OwnsOne(x => x.Terms, t => ConfigureTerms(t, "plan_"));
        builder.Navigation(x => x.Terms).IsRequired();
        builder.OwnsOne(x => x.PendingTerms, t => ConfigureTerms(t, "pending_plan_"));
        // One running subscription per member, even when two operators subscribe them at the same instant.
        builder.HasIndex(x => new { x.TenantId, x.MemberId }).IsUnique().HasFilter("\"Status\" <> 'Ended'");
        // The renewal job's query: what is due, per space.
        builder.HasIndex(x => new { x.TenantId, x.Status, x.PeriodEnd });
    }

    private static void ConfigureTerms<TOwner>(OwnedNavigationBuilder<TOwner, PlanTerms> terms, string prefix)
        where TOwner : class
    {
        terms.Property(t => t.PlanId).HasColumnName(prefix + "id");
        terms.Property(t => t.PlanName).HasColumnName(prefix + "name").HasMaxLength(120);
        terms.Property(t => t.MonthlyPrice).HasColumnName(prefix + "monthly_price").HasPrecision(12, 2);
        terms.Property(t => t.Currency).HasColumnName(prefix + "currency").HasMaxLength(3);
        terms.Property(t => t.VatRate).HasColumnName(prefix + "vat_rate").HasPrecision(5, 2);
        terms.Property(t => t.SetupFee).HasColumnName(prefix + "setup_fee").HasPrecision(12, 2);
        terms.Property(t => t.CommitmentMonths).HasColumnName(prefix + "commitment_months");
        terms.Property(t => t.DeskDays).HasColumnName(prefix + "desk_days");
        terms.Property(t => t.RoomHours).HasColumnName(prefix + "room_hours").HasPrecision(7, 2);
    }
}

internal sealed class SubscriptionChargeConfiguration : IEntityTypeConfiguration<SubscriptionCharge>
{
    public void Configure(EntityTypeBuilder<SubscriptionCharge> builder)
    {
        builder.ToTable("subscription_charges");
        builder.Property(x => x.Kind).HasMaxLength(32);
        builder.Property(x => x.Description).HasMaxLength(300);
        builder.Property(x => x.Amount).HasPrecision(12, 2);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.VatRate).HasPrecision(5, 2);
        // What the renewal job (or a replayed move) could write twice: one period, setup fee or commitment piece per
        // first day. Credits and proration charges come only from operators' moves, guarded by the subscription's
        // version, and an upgrade then a pause on the same day rightly credit twice from that day.
        builder.HasIndex(x => new { x.SubscriptionId, x.Kind, x.From }).IsUnique().HasFilter(SubscriptionCharge.UniqueKindsFilter);
    }
}
