using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Documents;
using Operators.Billing.Benchmarks;
using Operators.Billing.Invoices;
using Operators.Billing.Tests.Invoices;

// Billing's issue benchmark: invoices issued one after another on one core — the next number under the chain's lock,
// the seller and customer copied, the Factur-X XML written, the PDF/A-3 rendered with the XML embedded, the footprint
// chained and everything stored — on PostgreSQL and on SQLite. Every figure comes from this one run on this machine.
// The yardstick is QuestPDF's published "over 1,000 PDFs per minute per core" (about 17 per second).
// "runs" measures only the monthly run at scale (RunBenchmark); without argument, both.
// Jobs:Workers (default two per core, as the service's): runs of that many spaces are worked at once; "--workers N" to try another.
var Workers = args.SkipWhile(a => a != "--workers").Skip(1).Select(int.Parse).FirstOrDefault(Operators.ServiceDefaults.Jobs.JobsExtensions.DefaultWorkers);
if (args.Contains("runs"))
{
    PrintRuns(await RunBenchmark.RunAsync(Workers));
    return 0;
}

const int Warmup = 20;
const int Count = 400;
const double QuestPdfPerSecond = 1000 / 60.0;

// One core for this process; the database server runs in its own process, as in production.
if (OperatingSystem.IsLinux())
{
    Process.GetCurrentProcess().ProcessorAffinity = 1;
}
IInvoiceDocumentRenderer renderer = new FacturXRenderer();
var results = new List<(string Provider, double PerSecond, long Bytes)>();
foreach (var provider in new[] { "Postgres", "Sqlite" })
{
    await using var harness = await IssueHarness.StartAsync(provider, renderer);
    var (space, customer) = await harness.AddSpaceAsync("bench-" + provider.ToLowerInvariant());
    var drafts = await harness.DraftsAsync(space, customer, Warmup + Count);
    foreach (var id in drafts.Take(Warmup))
    {
        await harness.IssueAsync(space, id);
    }

    var clock = Stopwatch.StartNew();
    foreach (var id in drafts.Skip(Warmup))
    {
        if ((await harness.IssueAsync(space, id))?.Issued is null)
        {
            throw new InvalidOperationException($"Draft {id} was not issued.");
        }
    }

    clock.Stop();
    var bytes = await harness.InSpaceAsync(space, db => db.InvoiceFiles.AsNoTracking().Select(f => (long)f.Pdf.Length).ToListAsync());
    results.Add((provider, Count / clock.Elapsed.TotalSeconds, (long)bytes.Average()));
}

// The rendering alone (XML, PDF, PDF/A-3), on a model of the same two-line invoice.
var sample = await SampleAsync(renderer);
for (var i = 0; i < Warmup; i++)
{
    renderer.Render(sample);
}

var render = Stopwatch.StartNew();
for (var i = 0; i < Count; i++)
{
    renderer.Render(sample);
}

render.Stop();

Console.WriteLine();
Console.WriteLine($"Billing issue benchmark (one core, {Count} invoices each, one run, this machine, {DateTime.UtcNow:yyyy-MM-dd})");
foreach (var (provider, perSecond, size) in results)
{
    Console.WriteLine($"  {provider,-8}: {perSecond,6:0.0} invoices issued per second (number, Factur-X XML, PDF/A-3, stored; PDFs of {size / 1024.0:0} KB), "
        + $"{perSecond / QuestPdfPerSecond:0.0} × QuestPDF's ~17 PDFs per second per core");
}

Console.WriteLine($"  rendering alone: {Count / render.Elapsed.TotalSeconds,6:0.0} documents per second ({render.Elapsed.TotalMilliseconds / Count:0.0} ms each)");
Console.WriteLine("  aim: at least 50 invoices issued per second on one core");
if (OperatingSystem.IsLinux())
{
    // The run benchmark uses every core, as the service does.
    Process.GetCurrentProcess().ProcessorAffinity = (nint)((1L << Environment.ProcessorCount) - 1);
}

PrintRuns(await RunBenchmark.RunAsync(Workers));
return 0;

static void PrintRuns(List<string> lines)
{
    Console.WriteLine();
    Console.WriteLine($"Monthly invoice run (PostgreSQL, Factur-X PDFs, 100 members a space, automatic issue, one run, this machine, {DateTime.UtcNow:yyyy-MM-dd})");
    lines.ForEach(Console.WriteLine);
    Console.WriteLine("  aim: 10,000 invoices in under 60 s, the time per invoice flat from 1,000 to 10,000");
}

static async Task<InvoiceDocumentModel> SampleAsync(IInvoiceDocumentRenderer renderer)
{
    await using var harness = await IssueHarness.StartAsync("Sqlite", renderer);
    var (space, customer) = await harness.AddSpaceAsync("bench-sample");
    var draft = (await harness.DraftsAsync(space, customer, 1))[0];
    var issued = (await harness.IssueAsync(space, draft))!.Issued!;
    return InvoiceIssuer.Model(issued);
}
