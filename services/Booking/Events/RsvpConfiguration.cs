using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.Events;

internal sealed class RsvpConfiguration : IEntityTypeConfiguration<Rsvp>
{
    public void Configure(EntityTypeBuilder<Rsvp> builder)
    {
        builder.ToTable("rsvps");
        builder.HasKey(x => new { x.EventId, x.MemberId });
        builder.HasIndex(x => new { x.TenantId, x.MemberId });
    }
}
