using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Operators.Gateway.Accounts;
using Operators.Gateway.Spaces;

namespace Operators.Gateway.People;

internal sealed class SpaceRoleConfiguration : IEntityTypeConfiguration<SpaceRole>
{
    public void Configure(EntityTypeBuilder<SpaceRole> builder)
    {
        builder.ToTable("space_roles");
        builder.HasKey(r => new { r.SpaceId, r.AccountId, r.Role });
        builder.HasIndex(r => new { r.AccountId, r.SpaceId });
        builder.Property(r => r.Role).HasMaxLength(16);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SpaceRecord>().WithMany().HasForeignKey(r => r.SpaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
