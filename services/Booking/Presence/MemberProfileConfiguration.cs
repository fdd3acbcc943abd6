using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Booking.Presence;

internal sealed class MemberProfileConfiguration : IEntityTypeConfiguration<MemberProfile>
{
    public void Configure(EntityTypeBuilder<MemberProfile> builder)
    {
        builder.ToTable("member_profiles");
        builder.HasKey(x => new { x.TenantId, x.MemberId });
        builder.Property(x => x.DisplayName).HasMaxLength(200);
    }
}
