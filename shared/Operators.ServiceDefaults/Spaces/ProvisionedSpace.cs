using Microsoft.EntityFrameworkCore;
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
    public static ModelBuilder AddProvisionedSpaces(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ProvisionedSpace>(space =>
        {
            space.ToTable("spaces");
            space.HasKey(s => s.Id);
            space.Property(s => s.Id).ValueGeneratedNever();
            space.HasIndex(s => s.Slug).IsUnique();
            space.Property(s => s.Slug).HasMaxLength(40);
            space.Property(s => s.Name).HasMaxLength(200);
            space.Property(s => s.Template).HasMaxLength(64);
            space.Property(s => s.Locale).HasMaxLength(16);
            space.Property(s => s.TimeZone).HasMaxLength(64);
            space.Property(s => s.Currency).HasMaxLength(3);
            space.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        });
        return modelBuilder;
    }
}
