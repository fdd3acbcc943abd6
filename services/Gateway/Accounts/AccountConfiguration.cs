using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Gateway.Accounts;

/// <summary>What the gateway adds to Identity's user; Identity's own mapping comes from <c>IdentityDbContext</c>.</summary>
internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.DisplayName).HasMaxLength(200);
        builder.Property(a => a.Language).HasMaxLength(8);
    }
}
