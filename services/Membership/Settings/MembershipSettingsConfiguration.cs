using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Membership.Settings;

internal sealed class MembershipSettingsConfiguration : IEntityTypeConfiguration<MembershipSettings>
{
    public void Configure(EntityTypeBuilder<MembershipSettings> builder)
    {
        builder.ToTable("membership_settings");
        builder.HasKey(x => x.TenantId);
        builder.Property(x => x.TenantId).ValueGeneratedNever();
    }
}
