using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Operators.Tenancy;

namespace Operators.ServiceDefaults.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build a context without the host: a SQLite one.</summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        Create<TContext>(new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design.db").Options);

    internal static T Create<T>(DbContextOptions<T> options)
        where T : DbContext
    {
        var withTenants = typeof(T).GetConstructor([typeof(DbContextOptions<T>), typeof(ITenantContext)]);
        return withTenants is not null
            ? (T)withTenants.Invoke([options, new TenantContext()])
            : (T)Activator.CreateInstance(typeof(T), options)!;
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build a context without the host: a PostgreSQL one (no server needed).</summary>
public abstract class PostgresDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        SqliteDesignTimeFactory<TContext>.Create(new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
