using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.Bookings;

/// <summary>
/// The bookings table. On PostgreSQL the migration BookingCore adds what EF cannot model: an exclusion
/// constraint (ex_bookings_exclusive_overlap) refusing two overlapping confirmed bookings of one exclusive
/// resource. Provider-only DDL lives in that provider's migrations, so this configuration serves both.
/// </summary>
internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.ToTable("bookings");
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.AllowanceUsed).HasPrecision(8, 2);
        builder.Property(x => x.ChargeAmount).HasPrecision(12, 2);
        builder.Property(x => x.CancellationFee).HasPrecision(12, 2);
        builder.Property(x => x.VatRate).HasPrecision(5, 2);
        builder.HasIndex(x => new { x.ResourceId, x.Start });
        builder.HasIndex(x => new { x.TenantId, x.Date });
        builder.HasIndex(x => new { x.MemberId, x.Start });
        builder.HasIndex(x => x.EventId);
    }
}
