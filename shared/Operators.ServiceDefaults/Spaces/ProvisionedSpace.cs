using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Operators.Tenancy;

namespace Operators.ServiceDefaults.Spaces;

/// <summary>A service's own record of a space it has provisioned: its tenant store reads it, no other database.</summary>
public sealed class ProvisionedSpace
{
    public Guid Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public required string Template { get; set; }

    public required string Locale { get; set; }

    public required string TimeZone { get; set; }

    public required string Currency { get; set; }

    public TenantStatus Status { get; set; } = TenantStatus.Active;

    public DateTime ProvisionedAt { get; set; }

    public TenantInfo ToTenant() => new()
    {
        Id = Id,
        Slug = Slug,
        Name = Name,
        Locale = Locale,
        TimeZone = TimeZone,
        Currency = Currency,
        Status = Status,
    };
}

public static class ProvisionedSpaceModel
{
    /// <summary>Adds the table of the spaces this service provisioned (its tenant store reads it).</summary>
    public static ModelBuilder AddProvisionedSpaces(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        return modelBuilder.ApplyConfiguration(new ProvisionedSpaceConfiguration());
    }
}

internal sealed class ProvisionedSpaceConfiguration : IEntityTypeConfiguration<ProvisionedSpace>
{
    public void Configure(EntityTypeBuilder<ProvisionedSpace> builder)
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
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
    }
}
