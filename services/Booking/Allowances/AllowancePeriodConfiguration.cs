using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.Allowances;

internal sealed class AllowancePeriodConfiguration : IEntityTypeConfiguration<AllowancePeriod>
{
    public void Configure(EntityTypeBuilder<AllowancePeriod> builder)
    {
        builder.ToTable("allowance_periods");
        builder.HasIndex(x => new { x.TenantId, x.MemberId, x.PeriodStart });
        // One period per (subscription, start): a renewal announced twice stays one period.
        builder.HasIndex(x => new { x.SubscriptionId, x.PeriodStart }).IsUnique();
        builder.Property(x => x.RoomHoursGranted).HasPrecision(8, 2);
        builder.Property(x => x.RoomHoursUsed).HasPrecision(8, 2);
        builder.Property(x => x.Version).IsConcurrencyToken();
    }
}
