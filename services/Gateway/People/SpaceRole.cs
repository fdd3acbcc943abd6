using Microsoft.EntityFrameworkCore;
using Operators.Gateway.Accounts;

namespace Operators.Gateway.People;

/// <summary>One role one person holds in one space. The gateway is the only place roles are granted.</summary>
public sealed class SpaceRole
{
    public Guid SpaceId { get; set; }

    public Guid AccountId { get; set; }

    public required string Role { get; set; }

    public DateTime GrantedAt { get; set; }

    public Guid? GrantedBy { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<SpaceRole>(role =>
    {
        role.ToTable("space_roles");
        role.HasKey(r => new { r.SpaceId, r.AccountId, r.Role });
        role.HasIndex(r => new { r.AccountId, r.SpaceId });
        role.Property(r => r.Role).HasMaxLength(16);
        role.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        role.HasOne<Spaces.SpaceRecord>().WithMany().HasForeignKey(r => r.SpaceId).OnDelete(DeleteBehavior.Cascade);
    });
}
