using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Operators.Gateway.Accounts;
using Operators.Gateway.People;
using Operators.Gateway.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.Tenancy.EntityFramework;

namespace Operators.Gateway.Persistence;

/// <summary>The gateway's database: accounts (ASP.NET Core Identity), the space registry, outbox and inbox.</summary>
public class GatewayDbContext(DbContextOptions options) : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<SpaceRecord> Spaces => Set<SpaceRecord>();

    public DbSet<SpaceRole> SpaceRoles => Set<SpaceRole>();

    public DbSet<SpacePerson> SpacePeople => Set<SpacePerson>();

    public DbSet<SpaceLogo> SpaceLogos => Set<SpaceLogo>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.UseUtcDateTimes();
    }

    /// <summary>Identity's model, then each entity's configuration from its feature folder, then outbox and inbox.</summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // This assembly's, named rather than GetType()'s, so a context subclassed elsewhere gets the same model.
        builder.ApplyConfigurationsFromAssembly(typeof(GatewayDbContext).Assembly);
        builder.AddOutboxAndInbox();
    }
}

/// <summary>The SQLite flavour (standalone); it owns the SQLite migrations.</summary>
public sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options);

/// <summary>The PostgreSQL flavour (distributed); it owns the PostgreSQL migrations.</summary>
public sealed class PostgresGatewayDbContext(DbContextOptions<PostgresGatewayDbContext> options) : GatewayDbContext(options);

internal sealed class SqliteGatewayDesignTimeFactory : SqliteDesignTimeFactory<SqliteGatewayDbContext>;

internal sealed class PostgresGatewayDesignTimeFactory : PostgresDesignTimeFactory<PostgresGatewayDbContext>;
