using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Operators.ServiceDefaults.Bus;
using Operators.Tenancy;

namespace Operators.Messaging.Tests;

/// <summary>The outbox and inbox on the servers production uses: PostgreSQL and RabbitMQ.</summary>
[NonParallelizable]
public sealed class OutboxAndInboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Guid space = Guid.NewGuid();
    private TestDatabase database = null!;
    private TestVirtualHost vhost = null!;
    private IHost? host;

    [SetUp]
    public async Task CreateServers()
    {
        database = await TestPostgres.CreateDatabaseAsync("messaging");
        vhost = await TestRabbitMq.CreateVirtualHostAsync();
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
        using (new TenantContext().Change(space))
        {
            db.Wallets.Add(new Wallet { Id = 1 });
            await db.SaveChangesAsync();
        }
    }

    [TearDown]
    public async Task DropServers()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await vhost.DisposeAsync();
        await database.DisposeAsync();
    }

    [Test]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        host = await StartHostAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        using (new TenantContext().Change(space))
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox<LedgerContext>>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            outbox.Publish(new Deposited(1, 1000m));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A committed deposit after the rolled-back one: once it has arrived, the first one had every chance to.
        await DepositAsync(host, 5m);
        var wallet = await WaitForDepositsAsync(1);

        Assert.Multiple(async () =>
        {
            Assert.That(wallet.Balance, Is.EqualTo(5m));
            Assert.That(await OutboxRowsAsync(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task An_event_committed_while_the_broker_is_down_is_delivered_once_it_is_back()
    {
        host = await StartHostAsync();
        await TestRabbitMq.StopAppAsync();
        try
        {
            await DepositAsync(host, 42m);
            var row = await Eventually.MatchAsync(async () => (await OutboxRowsAsync()).Single(), r => r.Attempts >= 2, Patience, "the relay to fail and back off");
            Assert.Multiple(() =>
            {
                Assert.That(row.SentAt, Is.Null);
                Assert.That(row.LastError, Is.Not.Null);
                Assert.That(row.NextAttemptAt, Is.GreaterThan(row.CreatedAt));
            });
        }
        finally
        {
            await TestRabbitMq.StartAppAsync();
        }

        // The deposit can land before the row is marked sent: the relay saves the mark after the broker's
        // confirm, and a publish whose confirm outlasts PublishTimeout around the restart is delivered yet
        // recorded as failed until its retry re-publishes it (same message id, which the inbox skips).
        var sent = await Eventually.MatchAsync(async () => (await OutboxRowsAsync()).Single(), r => r.SentAt is not null, Patience, "the relay to mark the row sent");
        var wallet = await WaitForDepositsAsync(1);
        Assert.Multiple(() =>
        {
            Assert.That(wallet.Balance, Is.EqualTo(42m));
            Assert.That(sent.SentAt, Is.Not.Null);
        });
    }

    [Test]
    public async Task Rows_left_by_a_stopped_service_are_published_when_it_starts_again()
    {
        // No relay is running: this is a service that committed and crashed before publishing.
        await using (var db = NewContext())
        using (var tenants = new TenantContext().Change(space))
        {
            var outbox = new Outbox<LedgerContext>(db, new TenantContext(), TimeProvider.System, new OutboxSignal<LedgerContext>());
            outbox.Publish(new Deposited(1, 7m));
            await db.SaveChangesAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        host = await StartHostAsync();
        var wallet = await WaitForDepositsAsync(1);
        var row = await Eventually.MatchAsync(async () => (await OutboxRowsAsync()).Single(), r => r.SentAt is not null, Patience, "the row to be marked sent");
        Assert.Multiple(() =>
        {
            Assert.That(wallet.Balance, Is.EqualTo(7m));
            // Consumers that keep the latest state compare when the fact was written, not when the relay got to it.
            Assert.That(wallet.LastWrittenAt, Is.EqualTo(row.CreatedAt));
            Assert.That(row.SentAt, Is.GreaterThan(row.CreatedAt.AddSeconds(1)));
        });
    }

    [Test]
    public async Task A_message_delivered_twice_changes_state_once()
    {
        host = await StartHostAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = NewId.NextGuid();
        using (new TenantContext().Change(space))
        {
            // Two copies at once (the consumer takes several concurrently), then a late redelivery.
            await Task.WhenAll(
                bus.Publish(new Deposited(1, 10m), c => c.MessageId = messageId),
                bus.Publish(new Deposited(1, 10m), c => c.MessageId = messageId));
            await WaitForInboxAsync(1);
            await bus.Publish(new Deposited(1, 10m), c => c.MessageId = messageId);
            await bus.Publish(new Deposited(1, 1m));
        }

        var wallet = await WaitForDepositsAsync(2);
        await Task.Delay(TimeSpan.FromSeconds(1));
        wallet = await ReadWalletAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(wallet.Balance, Is.EqualTo(11m));
            Assert.That(wallet.Deposits, Is.EqualTo(2));
            await using var db = NewContext();
            Assert.That(await db.Set<InboxMessage>().CountAsync(), Is.EqualTo(2));
        });
    }

    private async Task<IHost> StartHostAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(vhost.BusSettings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:PublishTimeout"] = "00:00:02",
            ["Outbox:MaxBackoff"] = "00:00:02",
        });
        builder.Services.AddSingleton<TenantContext>();
        builder.Services.AddSingleton<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.AddDbContext<LedgerContext>(o => o.UseNpgsql(database.ConnectionString));
        builder.Services.AddOutbox<LedgerContext>(builder.Configuration);
        builder.AddConsumer<DepositConsumer, DepositConsumerDefinition>();
        builder.AddServiceBus();
        var started = builder.Build();
        await started.StartAsync();
        var health = await started.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, Patience);
        Assert.That(health, Is.EqualTo(BusHealthStatus.Healthy), "the bus should connect to RabbitMQ");
        return started;
    }

    private async Task DepositAsync(IHost running, decimal amount)
    {
        await using var scope = running.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(space))
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerContext>();
            scope.ServiceProvider.GetRequiredService<Outbox<LedgerContext>>().Publish(new Deposited(1, amount));
            await db.SaveChangesAsync();
        }
    }

    private LedgerContext NewContext() =>
        new(new DbContextOptionsBuilder<LedgerContext>().UseNpgsql(database.ConnectionString).Options, new TenantContext());

    private async Task<Wallet> ReadWalletAsync()
    {
        await using var db = NewContext();
        return await db.Wallets.IgnoreQueryFilters().AsNoTracking().SingleAsync();
    }

    private Task<Wallet> WaitForDepositsAsync(int deposits) =>
        Eventually.MatchAsync(ReadWalletAsync, w => w.Deposits >= deposits, Patience, $"{deposits} deposit(s)");

    private Task<int> WaitForInboxAsync(int rows) =>
        Eventually.MatchAsync(async () => { await using var db = NewContext(); return await db.Set<InboxMessage>().CountAsync(); }, n => n >= rows, Patience, "the inbox row");

    private async Task<List<OutboxMessage>> OutboxRowsAsync()
    {
        await using var db = NewContext();
        return await db.Set<OutboxMessage>().AsNoTracking().ToListAsync();
    }
}
