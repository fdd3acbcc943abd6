using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.Schedule;

internal sealed class OpeningPeriodConfiguration : IEntityTypeConfiguration<OpeningPeriod>
{
    public void Configure(EntityTypeBuilder<OpeningPeriod> builder)
    {
        builder.ToTable("opening_periods");
    }
}
