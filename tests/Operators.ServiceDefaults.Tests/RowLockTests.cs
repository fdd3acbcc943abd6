using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Operators.ServiceDefaults.Data;

namespace Operators.ServiceDefaults.Tests;

public sealed class Counter
{
    public Guid Id { get; set; }

    public int Value { get; set; }
}

public sealed class CounterContext(DbContextOptions<CounterContext> options) : DbContext(options)
{
    public DbSet<Counter> Counters => Set<Counter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Counter>().ToTable("counters");
}

/// <summary>
/// Two transactions each read a counter, think, and write it plus one. Unlocked, both read the same value and
/// one increment is lost (PostgreSQL) or the second writer fails (SQLite); under the row lock they run one
/// after the other and both count.
/// </summary>
public sealed class RowLockTests
{
    private static readonly TimeSpan Think = TimeSpan.FromMilliseconds(400);

    [Test]
    public async Task Two_transactions_locking_one_row_on_PostgreSQL_run_one_after_the_other()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("rowlock");
        var options = new DbContextOptionsBuilder<CounterContext>().UseNpgsql(database.ConnectionString).Options;
        await RaceAsync(options, db => db.Database.BeginTransactionAsync());
    }

    [Test]
    public async Task Two_transactions_locking_one_row_on_SQLite_run_one_after_the_other_even_when_begun_deferred()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rowlock-{Guid.NewGuid():N}.db");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 10 }.ToString();
            var options = new DbContextOptionsBuilder<CounterContext>().UseSqlite(connectionString).Options;
            // Deferred: the transaction takes no lock until it writes, so only the helper's lock keeps the second out.
            await RaceAsync(options, async db =>
            {
                await db.Database.OpenConnectionAsync();
                var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
                return await db.Database.UseTransactionAsync(transaction) ?? throw new InvalidOperationException("No transaction.");
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Test]
    public async Task A_lock_outside_a_transaction_is_refused_because_it_would_end_at_once()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new CounterContext(new DbContextOptionsBuilder<CounterContext>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync();

        var refused = Assert.ThrowsAsync<InvalidOperationException>(() => db.LockRowAsync<Counter>(Guid.NewGuid(), CancellationToken.None));
        Assert.That(refused!.Message, Does.Contain("transaction"));
    }

    private static async Task RaceAsync(DbContextOptions<CounterContext> options, Func<CounterContext, Task<IDbContextTransaction>> begin)
    {
        var id = Guid.NewGuid();
        await using (var setup = new CounterContext(options))
        {
            await setup.Database.EnsureCreatedAsync();
            if (setup.Database.IsSqlite())
            {
                // As the services run it (MigrateOnStart): readers never wait, writers take turns.
                await setup.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            setup.Counters.Add(new Counter { Id = id });
            await setup.SaveChangesAsync();
        }

        async Task IncrementAsync()
        {
            await using var db = new CounterContext(options);
            await using var transaction = await begin(db);
            await db.LockRowAsync<Counter>(id, CancellationToken.None);
            var counter = await db.Counters.SingleAsync(c => c.Id == id);
            await Task.Delay(Think);
            counter.Value++;
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await Task.WhenAll(Task.Run(IncrementAsync), Task.Run(IncrementAsync));

        await using var check = new CounterContext(options);
        Assert.That((await check.Counters.SingleAsync()).Value, Is.EqualTo(2));
    }
}
