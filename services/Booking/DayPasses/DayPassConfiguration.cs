using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.DayPasses;

internal sealed class DayPassConfiguration : IEntityTypeConfiguration<DayPass>
{
    public void Configure(EntityTypeBuilder<DayPass> builder)
    {
        builder.ToTable("day_passes");
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.PaidWith).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.GuestName).HasMaxLength(200);
        builder.Property(x => x.GuestEmail).HasMaxLength(256);
        builder.Property(x => x.Price).HasPrecision(12, 2);
        builder.Property(x => x.VatRate).HasPrecision(5, 2);
        builder.Property(x => x.Currency).HasMaxLength(3);
        builder.Property(x => x.CheckoutUrl).HasMaxLength(2000);
        builder.Property(x => x.AccessKey).HasMaxLength(64);
    }
}
