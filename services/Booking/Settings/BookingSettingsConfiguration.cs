using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.Settings;

internal sealed class BookingSettingsConfiguration : IEntityTypeConfiguration<BookingSettings>
{
    public void Configure(EntityTypeBuilder<BookingSettings> builder)
    {
        builder.ToTable("booking_settings");
        // One row per space: the space is the key.
        builder.HasKey(x => x.TenantId);
        builder.Property(x => x.TenantId).ValueGeneratedNever();
        builder.Property(x => x.LateCancellationFeeShare).HasPrecision(5, 4);
        builder.Property(x => x.DefaultVatRate).HasPrecision(5, 2);
    }
}
