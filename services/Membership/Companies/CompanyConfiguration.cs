using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Operators.Membership.Members;

namespace Operators.Membership.Companies;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("companies");
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Email).HasMaxLength(254);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.OwnsOne(x => x.Billing, BillingIdentityConfiguration.Configure);
        builder.Navigation(x => x.Billing).IsRequired();
    }
}
