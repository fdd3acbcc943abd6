using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Operators.Contracts.Membership;
using Operators.Membership.Jobs;
using Operators.Membership.Persistence;
using Operators.Membership.Subscriptions;
using Operators.Messaging;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;
using Operators.Testing;

namespace Operators.Membership.Tests;

/// <summary>A clock stopped at one instant: the job's "today" is then the test's, whatever the day it runs.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Makes the process "die" before a given save (the batch then is not written, as when a process is killed mid-transaction).</summary>
public sealed class CrashBeforeSave : SaveChangesInterceptor
{
    private int saves;

    /// <summary>How many saves succeed before the next throws; null: never.</summary>
    public int? After { get; set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (After is { } after && Interlocked.Increment(ref saves) > after)
        {
            throw new InvalidOperationException("Simulated crash: the process died here.");
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>
/// The renewal job in process on a fresh PostgreSQL database, with a stopped clock: spaces and subscriptions are
/// written straight through the model (as the API would, activation charges and events included), then the job runs.
/// Shared by the job tests and the benchmark.
/// </summary>
public sealed class RenewalHarness : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly ServiceProvider provider;
    private readonly CrashBeforeSave crash;

    private RenewalHarness(TestDatabase database, ServiceProvider provider, CrashBeforeSave crash, DateTimeOffset now)
    {
        this.database = database;
        this.provider = provider;
        this.crash = crash;
        Now = now;
    }

    public DateTimeOffset Now { get; }

    public static async Task<RenewalHarness> StartAsync(DateTimeOffset now, int batchSize = 100)
    {
        var database = await TestPostgres.CreateDatabaseAsync("renewals");
        var crash = new CrashBeforeSave();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Membership:RenewalBatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new StoppedClock(now))
            .AddSingleton<TenantContext>()
            .AddSingleton<ITenantContext>(sp => sp.GetRequiredService<TenantContext>())
            .AddSingleton<OutboxSignal<MembershipDbContext>>()
            .AddScoped<Outbox<MembershipDbContext>>()
            .AddScoped<SubscriptionRecorder>()
            .AddScoped<RenewalJob>();
        services.AddDbContext<MembershipDbContext, PostgresMembershipDbContext>(o => o.UseNpgsql(database.ConnectionString).AddInterceptors(crash));
        var provider = services.BuildServiceProvider(true);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MembershipDbContext>().Database.MigrateAsync();
        }

        return new RenewalHarness(database, provider, crash, now);
    }

    /// <summary>Makes every save after the first <paramref name="saves"/> fail (null: none).</summary>
    public void CrashAfter(int? saves) => crash.After = saves;

    public async Task<TenantInfo> AddSpaceAsync(string slug, string timeZone = "Europe/Paris")
    {
        var space = new ProvisionedSpace
        {
            Id = Guid.NewGuid(), Slug = slug, Name = slug, Template = "urban-coworking", Locale = "fr-FR", TimeZone = timeZone, Currency = "EUR",
            ProvisionedAt = Now.UtcDateTime,
        };
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        db.Add(space);
        await db.SaveChangesAsync();
        return space.ToTenant();
    }

    /// <summary>Subscribes <paramref name="count"/> new members from <paramref name="start"/>; <paramref name="prepare"/> may cancel or change one after activation.</summary>
    public async Task<List<Guid>> SubscribeAsync(TenantInfo space, int count, DateOnly start, PlanTerms terms, Func<Subscription, IEnumerable<SubscriptionStep>>? prepare = null)
    {
        var ids = new List<Guid>();
        for (var done = 0; done < count; done += 500)
        {
            await using var scope = provider.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            using (sp.GetRequiredService<ITenantContext>().Change(space))
            {
                var db = sp.GetRequiredService<MembershipDbContext>();
                var recorder = sp.GetRequiredService<SubscriptionRecorder>();
                for (var i = done; i < Math.Min(count, done + 500); i++)
                {
                    var s = new Subscription { Id = Guid.CreateVersion7(), MemberId = Guid.NewGuid(), Terms = PlanTermsCopy.Of(terms), Start = start, CreatedAt = Now.UtcDateTime };
                    var steps = new List<SubscriptionStep> { SubscriptionLifecycle.Activate(s) };
                    steps.AddRange(prepare?.Invoke(s) ?? []);
                    db.Subscriptions.Add(s);
                    recorder.Record(s, steps, space.Locale, Now.UtcDateTime);
                    ids.Add(s.Id);
                }

                await db.SaveChangesAsync();
            }
        }

        return ids;
    }

    /// <summary>Runs the job for one space, in a scope of its own (as one Hangfire execution).</summary>
    public async Task<RenewalRun> RunAsync(TenantInfo space)
    {
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RenewalJob>().RenewSpaceAsync(space, CancellationToken.None);
    }

    /// <summary>The recurring job's own entry point: every space.</summary>
    public async Task RunAllAsync()
    {
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RenewalJob>().RenewAllAsync();
    }

    public async Task<T> ReadAsync<T>(TenantInfo space, Func<MembershipDbContext, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var scope = provider.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(space))
        {
            return await read(scope.ServiceProvider.GetRequiredService<MembershipDbContext>());
        }
    }

    /// <summary>The events of type <typeparamref name="T"/> the outbox holds, across spaces.</summary>
    public async Task<List<T>> PublishedAsync<T>()
    {
        await using var scope = provider.CreateAsyncScope();
        var type = $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
        var bodies = await scope.ServiceProvider.GetRequiredService<MembershipDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MessageType == type).OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
        return [.. bodies.Select(b => JsonSerializer.Deserialize<T>(b, JsonSerializerOptions.Web)!)];
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await database.DisposeAsync();
    }
}
