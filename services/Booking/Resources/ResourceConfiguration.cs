using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.Resources;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        builder.ToTable("resources");
        builder.Property(x => x.Name).HasMaxLength(120);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.BookableBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.PricePerDay).HasPrecision(12, 2);
        builder.Property(x => x.PricePerHour).HasPrecision(12, 2);
        builder.Property(x => x.VatRate).HasPrecision(5, 2);
    }
}
