using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.Bookings;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(x => new { x.TenantId, x.Caller, x.Key });
        builder.Property(x => x.Caller).HasMaxLength(64);
        builder.Property(x => x.Key).HasMaxLength(128);
        builder.Property(x => x.RequestHash).HasMaxLength(64);
        builder.Property(x => x.Location).HasMaxLength(256);
    }
}
