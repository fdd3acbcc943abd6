using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Gateway.Spaces;

internal sealed class SpaceRecordConfiguration : IEntityTypeConfiguration<SpaceRecord>
{
    public void Configure(EntityTypeBuilder<SpaceRecord> builder)
    {
        builder.ToTable("spaces");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Slug).HasMaxLength(40);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Template).HasMaxLength(64);
        builder.Property(s => s.Locale).HasMaxLength(16);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.Property(s => s.Town).HasMaxLength(120);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.OwnerEmail).HasMaxLength(256);
        builder.Property(s => s.AccentColor).HasMaxLength(7);
        builder.Property(s => s.OwnerDisplayName).HasMaxLength(200);
        builder.Property(s => s.FailureReason).HasMaxLength(1000);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.BookingStep).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.MembershipStep).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.BillingStep).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
