using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.Schedule;

internal sealed class ClosureConfiguration : IEntityTypeConfiguration<Closure>
{
    public void Configure(EntityTypeBuilder<Closure> builder)
    {
        builder.ToTable("closures");
        builder.HasIndex(x => new { x.TenantId, x.Date }).IsUnique();
        builder.Property(x => x.Reason).HasMaxLength(200);
    }
}
