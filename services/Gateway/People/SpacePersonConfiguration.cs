using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Operators.Gateway.Accounts;

namespace Operators.Gateway.People;

internal sealed class SpacePersonConfiguration : IEntityTypeConfiguration<SpacePerson>
{
    public void Configure(EntityTypeBuilder<SpacePerson> builder)
    {
        builder.ToTable("space_people");
        builder.HasKey(p => new { p.SpaceId, p.AccountId });
        builder.HasIndex(p => p.AccountId);
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Spaces.SpaceRecord>().WithMany().HasForeignKey(p => p.SpaceId).OnDelete(DeleteBehavior.Cascade);
    }
}
