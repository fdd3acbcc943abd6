using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Operators.Billing.Charges;
using Operators.Billing.Customers;
using Operators.Billing.Documents;
using Operators.Billing.Runs;
using Operators.Billing.Tests.Invoices;
using Operators.Tenancy;

namespace Operators.Billing.Benchmarks;

/// <summary>
/// The monthly invoice run at a network's scale, on PostgreSQL with the PDFs: 100 members in each space, each with last
/// month's subscription period and a booking beyond the allowance; every space's run (automatic issue) worked the way
/// Hangfire works it — <see cref="InvoiceRuns.WorkAsync"/>, one job per run, <c>Jobs:Workers</c> of them at once.
/// Measured for 10 spaces (1,000 invoices) and 100 spaces (10,000), each on a fresh database; the seeding is not timed.
/// Then the run's promises are counted from the database: every charge billed once, numbers gapless in each space.
/// </summary>
public static class RunBenchmark
{
    private const int Members = 100;
    private static readonly DateOnly Until = new(2027, 2, 28);

    public static async Task<List<string>> RunAsync(int workers)
    {
        var lines = new List<string>();
        await MeasureAsync(2, workers); // warm-up (JIT, pools): not printed
        foreach (var spaces in new[] { 10, 100 })
        {
            lines.Add(await MeasureAsync(spaces, workers));
        }

        return lines;
    }

    private static async Task<string> MeasureAsync(int spaceCount, int workers)
    {
        await using var harness = await IssueHarness.StartAsync("Postgres", new FacturXRenderer(), more: RunServices.Add);
        var spaces = new List<TenantInfo>();
        for (var s = 0; s < spaceCount; s++)
        {
            var (space, _) = await harness.AddSpaceAsync($"run-{spaceCount}-{s}");
            await SeedAsync(harness, space);
            spaces.Add(space);
        }

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(spaces, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (space, ct) =>
        {
            var run = await harness.WithServicesAsync(space, sp => sp.GetRequiredService<InvoiceRuns>().StartAsync("2027-02", Until, null, null, ct));
            await harness.WithServicesAsync(space, async sp =>
            {
                await sp.GetRequiredService<InvoiceRuns>().WorkAsync(space.Id, run.Id, ct);
                return 0;
            });
        });
        clock.Stop();

        var (issued, unbilled, gaps, twice) = (0, 0, 0, 0);
        foreach (var space in spaces)
        {
            var counts = await harness.InSpaceAsync(space, async db =>
            {
                var numbers = await db.Invoices.AsNoTracking().Where(i => i.Number != null).Select(i => i.Number!).ToListAsync();
                var sequence = numbers.Select(n => int.Parse(n[(n.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture)).Order().ToList();
                var perCustomer = await db.Invoices.AsNoTracking().Where(i => i.Number != null).GroupBy(i => i.CustomerId).CountAsync(g => g.Count() > 1);
                return (numbers.Count, await db.Charges.CountAsync(c => c.InvoiceId == null), sequence.Where((n, i) => n != i + 1).Count(), perCustomer);
            });
            issued += counts.Item1;
            unbilled += counts.Item2;
            gaps += counts.Item3;
            twice += counts.Item4;
        }

        var expected = spaceCount * Members;
        if (issued != expected || unbilled != 0 || gaps != 0 || twice != 0)
        {
            throw new InvalidOperationException($"{spaceCount} spaces: {issued} of {expected} invoices issued, {unbilled} charges unbilled, {gaps} numbers out of sequence, {twice} customers invoiced twice.");
        }

        return $"  {spaceCount,3} spaces, {expected,6:N0} invoices: {clock.Elapsed.TotalSeconds,6:0.0} s in all, {clock.Elapsed.TotalMilliseconds / expected,5:0.00} ms per invoice, "
            + $"{expected / clock.Elapsed.TotalSeconds,5:0} invoices/s ({workers} runs at once; {issued:N0} issued, 0 charges left, 0 billed twice, 0 numbers missing)";
    }

    /// <summary>99 members beside the harness's company customer; each customer gets February's period and a booking.</summary>
    private static Task SeedAsync(IssueHarness harness, TenantInfo space) => harness.InSpaceAsync(space, async db =>
    {
        var settings = await db.Settings.FirstAsync();
        settings.AutoIssue = true;
        var customers = await db.Customers.Select(c => c.Id).ToListAsync();
        for (var m = customers.Count; m < Members; m++)
        {
            var name = $"Membre {m:D3}";
            var customer = new Customer
            {
                Id = Guid.NewGuid(), Kind = CustomerKind.Member, DisplayName = name, BillingName = name, Email = $"membre{m}@example.test",
                Line1 = $"{m} chemin des Vignes", PostalCode = "26400", City = "Crest",
            };
            db.Customers.Add(customer);
            customers.Add(customer.Id);
        }

        foreach (var customer in customers)
        {
            db.Charges.Add(new Charge
            {
                Id = Guid.CreateVersion7(), Source = ChargeSource.Membership, SourceId = Guid.NewGuid(), CustomerId = customer,
                Description = "Abonnement Résident — février 2027", UnitCode = "MON", UnitPrice = 180m, VatRate = 20m, Date = new DateOnly(2027, 2, 1),
                ServiceFrom = new DateOnly(2027, 2, 1), ServiceTo = Until,
            });
            db.Charges.Add(new Charge
            {
                Id = Guid.CreateVersion7(), Source = ChargeSource.Booking, SourceId = Guid.NewGuid(), CustomerId = customer,
                Description = "Salle du four — 12/02/2027 09:00–11:00", Quantity = 2m, UnitCode = "HUR", UnitPrice = 10m, VatRate = 20m, Date = new DateOnly(2027, 2, 12),
            });
        }

        await db.SaveChangesAsync();
    });
}
