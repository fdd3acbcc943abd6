using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Operators.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers a service's DbContext on the provider <c>Database:Provider</c> chooses. Each provider has its
    /// own subclass of the context so that each keeps its own migrations (EF ties migrations to a context type).
    /// PostgreSQL reads <c>ConnectionStrings:{name}</c>; SQLite defaults to <c>{data folder}/{name}.db</c>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqlite, TPostgres>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString(name);

        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException($"Database:Provider is Postgres but ConnectionStrings:{name} is not set.");
            }

            builder.Services.AddDbContext<TContext, TPostgres>(o => o.UseNpgsql(PostgresConnections.Tune(connectionString, options.MaxPoolSize)));
        }
        else
        {
            connectionString ??= new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(DataFolder.Resolve(builder.Configuration), name.ToLowerInvariant() + ".db"),
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
            builder.Services.AddDbContext<TContext, TSqlite>(o => o.UseSqlite(connectionString));
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(name.ToLowerInvariant() + "-database", HealthStatus.Unhealthy, ["ready"]);
        if (options.MigrateOnStart)
        {
            builder.Services.AddSingleton<IHostedService, MigrateOnStart<TContext>>();
        }

        return builder;
    }
}
