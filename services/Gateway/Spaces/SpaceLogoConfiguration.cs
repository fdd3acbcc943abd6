using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Gateway.Spaces;

internal sealed class SpaceLogoConfiguration : IEntityTypeConfiguration<SpaceLogo>
{
    public void Configure(EntityTypeBuilder<SpaceLogo> builder)
    {
        builder.ToTable("space_logos");
        builder.HasKey(l => l.SpaceId);
        builder.Property(l => l.ContentType).HasMaxLength(32);
        builder.HasOne<SpaceRecord>().WithOne().HasForeignKey<SpaceLogo>(l => l.SpaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
