using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Operators.Tenancy.EntityFramework;

/// <summary>
/// Base of every service DbContext. Each <see cref="ITenantOwned"/> entity gets a global query filter on
/// <see cref="CurrentTenantId"/> — an instance member, so EF evaluates it per context instance rather than
/// baking one tenant into the cached model — and is stamped and checked when saved.
/// </summary>
public abstract class TenantDbContext(DbContextOptions options, ITenantContext tenants) : DbContext(options)
{
    /// <summary>The space this context reads and writes; null outside any space, which matches no row.</summary>
    public Guid? CurrentTenantId => tenants.TenantId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        ConfigureModel(modelBuilder);
        ApplyTenantFilters(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.UseUtcDateTimes();
    }

    /// <summary>The service's own model; tenant filters are added after it.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardTenantWrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardTenantWrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void ApplyTenantFilters(ModelBuilder modelBuilder)
    {
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            var clrType = entityType.ClrType;
            if (entityType.BaseType is not null || !typeof(ITenantOwned).IsAssignableFrom(clrType))
            {
                continue;
            }

            var row = Expression.Parameter(clrType, "row");
            var rowTenant = Expression.Convert(Expression.Property(row, nameof(ITenantOwned.TenantId)), typeof(Guid?));
            var filter = Expression.Lambda(Expression.Equal(rowTenant, current), row);
            modelBuilder.Entity(clrType).HasQueryFilter(filter);
            modelBuilder.Entity(clrType).HasIndex(nameof(ITenantOwned.TenantId));
        }
    }

    private void GuardTenantWrites()
    {
        var current = CurrentTenantId;
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    if (current is null)
                    {
                        throw new TenantIsolationException($"A {entry.Metadata.ClrType.Name} belongs to a space, and none is current.");
                    }

                    if (entry.Entity.TenantId == Guid.Empty)
                    {
                        entry.Entity.TenantId = current.Value;
                    }
                    else if (entry.Entity.TenantId != current)
                    {
                        throw new TenantIsolationException($"A {entry.Metadata.ClrType.Name} of another space cannot be added here.");
                    }

                    break;
                case EntityState.Modified or EntityState.Deleted:
                    var original = (Guid)entry.Property(nameof(ITenantOwned.TenantId)).OriginalValue!;
                    if (current is null || original != current || entry.Entity.TenantId != current)
                    {
                        throw new TenantIsolationException($"A {entry.Metadata.ClrType.Name} of another space cannot be changed here.");
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
