using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Operators.ServiceDefaults.Jobs;

public enum JobStorage
{
    InMemory,
    Postgres,
}

public static class JobsExtensions
{
    /// <summary>
    /// Hangfire with the storage <c>Jobs:Storage</c> names: in memory (standalone, tests) or PostgreSQL, in the
    /// service's own database (<c>ConnectionStrings:{name}</c>, schema <c>hangfire</c>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceJobs(this IHostApplicationBuilder builder, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(JobsMarker)))
        {
            // One Hangfire per process: in the standalone host the modules share it.
            return builder;
        }

        builder.Services.AddSingleton<JobsMarker>();
        var storage = builder.Configuration.GetValue("Jobs:Storage", JobStorage.InMemory);
        var pollInterval = builder.Configuration.GetValue("Jobs:PollInterval", TimeSpan.FromSeconds(5));

        builder.Services.AddHangfire(config =>
        {
            config.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (storage == JobStorage.Postgres)
            {
                var connectionString = builder.Configuration.GetConnectionString(connectionName)
                    ?? throw new InvalidOperationException($"Jobs:Storage is Postgres but ConnectionStrings:{connectionName} is not set.");
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    QueuePollInterval = pollInterval,
                    PrepareSchemaIfNecessary = true,
                });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = builder.Configuration.GetValue("Jobs:Workers", 2);
            o.SchedulePollingInterval = pollInterval;
        });
        return builder;
    }

    private sealed class JobsMarker;
}
