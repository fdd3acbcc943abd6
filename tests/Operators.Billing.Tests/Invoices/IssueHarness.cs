using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Operators.Billing.Customers;
using Operators.Billing.Documents;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;
using Operators.Testing;

namespace Operators.Billing.Tests.Invoices;

/// <summary>A clock stopped at one instant: "today" is the test's, whatever the day it runs; a test may move it on.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset current = now;

    public override DateTimeOffset GetUtcNow() => current;

    public void MoveTo(DateTimeOffset instant) => current = instant;
}

/// <summary>
/// The issuer in process on a fresh database (PostgreSQL, or a SQLite file configured as the standalone host does),
/// with the model written straight through the DbContext: what the concurrency, immutability and integrity tests and
/// the benchmark need, where reaching the rows directly is the point.
/// </summary>
public sealed class IssueHarness : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly IAsyncDisposable? database;
    private readonly string? sqliteFile;

    private IssueHarness(ServiceProvider provider, IAsyncDisposable? database, string? sqliteFile, DateTimeOffset now)
    {
        this.provider = provider;
        this.database = database;
        this.sqliteFile = sqliteFile;
        Now = now;
    }

    public DateTimeOffset Now { get; }

    /// <summary>The harness's clock, to move on (dunning: days pass).</summary>
    public StoppedClock Clock => provider.GetRequiredService<StoppedClock>();

    /// <summary>Runs <paramref name="work"/> with the scope's services inside <paramref name="space"/>.</summary>
    public async Task<T> WithServicesAsync<T>(TenantInfo space, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = provider.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(space))
        {
            return await work(scope.ServiceProvider);
        }
    }

    public static async Task<IssueHarness> StartAsync(
        string providerName, IInvoiceDocumentRenderer renderer, DateTimeOffset? now = null, Action<IServiceCollection>? more = null)
    {
        var clock = now ?? new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.Zero);
        var stopped = new StoppedClock(clock);
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(stopped)
            .AddSingleton(stopped)
            .AddSingleton<TenantContext>()
            .AddSingleton<ITenantContext>(sp => sp.GetRequiredService<TenantContext>())
            .AddSingleton<OutboxSignal<BillingDbContext>>()
            .AddScoped<Outbox<BillingDbContext>>()
            .AddScoped<BillingCalendar>()
            .AddScoped<InvoiceIssuer>()
            .AddSingleton(renderer);
        more?.Invoke(services);
        TestDatabase? postgres = null;
        string? file = null;
        if (providerName == "Postgres")
        {
            postgres = await TestPostgres.CreateDatabaseAsync("billing-issue");
            services.AddDbContext<BillingDbContext, PostgresBillingDbContext>(o => o.UseNpgsql(PostgresConnections.Tune(postgres.ConnectionString, new DatabaseOptions().MaxPoolSize)));
        }
        else
        {
            file = Path.Combine(Path.GetTempPath(), $"operators-billing-issue-{Guid.NewGuid():N}.db");
            var connection = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();
            services.AddDbContext<BillingDbContext, SqliteBillingDbContext>(o => o.UseSqlite(connection));
        }

        var built = services.BuildServiceProvider(true);
        await using (var scope = built.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BillingDbContext>().Database.MigrateAsync();
        }

        return new IssueHarness(built, postgres, file, clock);
    }

    /// <summary>A provisioned space with complete billing settings (standard VAT unless <paramref name="franchise"/>) and one business customer.</summary>
    public async Task<(TenantInfo Space, Guid Customer)> AddSpaceAsync(string slug, bool franchise = false)
    {
        var space = new ProvisionedSpace
        {
            Id = Guid.NewGuid(), Slug = slug, Name = slug, Template = "urban-coworking", Locale = "fr-FR", TimeZone = "Europe/Paris", Currency = "EUR",
            ProvisionedAt = Now.UtcDateTime,
        };
        var customer = Guid.NewGuid();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
            db.Add(space);
            await db.SaveChangesAsync();
        }

        await InSpaceAsync(space.ToTenant(), async db =>
        {
            db.Settings.Add(new BillingSettings
            {
                LegalName = "La Ruche du Val", LegalForm = franchise ? "Association loi 1901" : "SAS", ShareCapital = franchise ? null : 10000m,
                Line1 = "2 rue de la Gare", PostalCode = "26400", City = "Crest", Siren = "732829320", Siret = "73282932000074",
                Rcs = franchise ? null : "RCS Romans 732 829 320", VatNumber = franchise ? null : "FR44732829320", ElectronicAddress = "732829320",
                Email = "tresorerie@laruche.test", VatRegime = franchise ? VatRegime.Franchise293B : VatRegime.Standard,
                Iban = "FR7630006000011234567890189", Bic = "AGRIFRPP",
            });
            db.Customers.Add(new Customer
            {
                Id = customer, Kind = CustomerKind.Company, DisplayName = "Atelier Bleu", BillingName = "Atelier Bleu SAS", Email = "compta@atelier.test",
                Line1 = "3 place du Marché", PostalCode = "69002", City = "Lyon", IsBusiness = true, Siren = "552100554", VatNumber = "FR20552100554",
            });
            await db.SaveChangesAsync();
        });
        return (space.ToTenant(), customer);
    }

    /// <summary><paramref name="count"/> drafts for <paramref name="customer"/>, each with two lines.</summary>
    public Task<List<Guid>> DraftsAsync(TenantInfo space, Guid customer, int count) => InSpaceAsync(space, async db =>
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var invoice = new Invoice
            {
                Id = Guid.CreateVersion7(), Kind = DocumentKind.Invoice, Status = InvoiceStatus.Draft, CustomerId = customer, CompanyId = customer,
                CreatedAt = Now.UtcDateTime,
                Lines =
                [
                    new InvoiceLine { Id = Guid.CreateVersion7(), Position = 1, Description = $"Bureau fermé, mois {i + 1}", Quantity = 1m, UnitCode = "MON", UnitPrice = 350m, VatRate = 20m },
                    new InvoiceLine { Id = Guid.CreateVersion7(), Position = 2, Description = "Salle de réunion", Quantity = 2.5m, UnitCode = "HUR", UnitPrice = 18.333m, VatRate = 20m },
                ],
            };
            InvoiceTotals.Apply(invoice, vatFranchise: false);
            db.Invoices.Add(invoice);
            ids.Add(invoice.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    });

    public async Task<IssueOutcome?> IssueAsync(TenantInfo space, Guid draft)
    {
        await using var scope = provider.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(space))
        {
            return await scope.ServiceProvider.GetRequiredService<InvoiceIssuer>().IssueAsync(draft, CancellationToken.None);
        }
    }

    /// <summary>Runs <paramref name="work"/> with a fresh DbContext inside <paramref name="space"/>.</summary>
    public async Task<T> InSpaceAsync<T>(TenantInfo space, Func<BillingDbContext, Task<T>> work)
    {
        await using var scope = provider.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(space))
        {
            return await work(scope.ServiceProvider.GetRequiredService<BillingDbContext>());
        }
    }

    public Task InSpaceAsync(TenantInfo space, Func<BillingDbContext, Task> work) =>
        InSpaceAsync(space, async db =>
        {
            await work(db);
            return true;
        });

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}

/// <summary>What working invoice runs needs beside the harness, for <see cref="IssueHarness.StartAsync"/>'s <c>more</c>.</summary>
public static class RunServices
{
    public static void Add(IServiceCollection services) => services
        .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
        .AddSingleton<Hangfire.IBackgroundJobClient, NoJobs>()
        .AddScoped<Operators.Billing.Charges.ChargeInvoicer>()
        .AddScoped<Operators.Billing.Charges.DeskSales>()
        .AddScoped<Operators.Billing.Runs.InvoiceRuns>();

    /// <summary>Hangfire's client where no server runs: the caller works each run itself, as its one job would.</summary>
    private sealed class NoJobs : Hangfire.IBackgroundJobClient
    {
        public string Create(Hangfire.Common.Job job, Hangfire.States.IState state) => Guid.NewGuid().ToString();

        public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => true;
    }
}
