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
            o.WorkerCount = builder.Configuration.GetValue("Jobs:Workers", DefaultWorkers);
            o.SchedulePollingInterval = pollInterval;
        });
        return builder;
    }

    /// <summary>
    /// Jobs at once unless <c>Jobs:Workers</c> says: two per core, at most eight. A job (an invoice run, a refund, an
    /// e-mail) waits on the database or the network about as long as it computes, so one worker per core leaves them
    /// partly idle (the invoice-run benchmark in the billing README measures both); and each running job may hold one
    /// of the service's pooled connections (<c>Database:MaxPoolSize</c>, 30), which requests and consumers need too.
    /// </summary>
    public static int DefaultWorkers => Math.Clamp(2 * Environment.ProcessorCount, 2, 8);

    private sealed class JobsMarker;
}
