using System.Diagnostics;
using Operators.Contracts.Membership;
using Operators.Membership.Subscriptions;
using Operators.Membership.Tests;
using Operators.ServiceDefaults.Spaces;

// Membership renewal benchmark on PostgreSQL. Every figure comes from this one run on this machine: the renewal
// job (in process, as one Hangfire execution) over subscriptions all due today, spread evenly across 100 spaces,
// at 1,000 and at 10,000 subscriptions. Needs PostgreSQL (postgres/postgres on localhost).
const int Spaces = 100;
var now = DateTimeOffset.UtcNow;
var terms = new PlanTerms
{
    PlanId = Guid.NewGuid(), PlanName = "Nomade", MonthlyPrice = 120m, Currency = "EUR", VatRate = 20m, DeskDays = 8, RoomHours = 4m,
};

var results = new List<(int Count, TimeSpan Elapsed, int Renewed)>();
var idleRuns = new List<TimeSpan>();
foreach (var total in new[] { 1_000, 10_000 })
{
    await using var harness = await RenewalHarness.StartAsync(now);
    Console.WriteLine($"Setting up {total:N0} subscriptions due today across {Spaces} spaces...");
    var spaces = new List<Operators.Tenancy.TenantInfo>();
    for (var i = 0; i < Spaces; i++)
    {
        var space = await harness.AddSpaceAsync($"bench-{i:000}");
        var today = SpaceDates.Today(now.UtcDateTime, space);
        // A month ago: the first period ends today, so each subscription renews exactly once.
        await harness.SubscribeAsync(space, total / Spaces, today.AddMonths(-1), terms);
        spaces.Add(space);
    }

    Console.WriteLine("Running the renewal job...");
    var clock = Stopwatch.StartNew();
    await harness.RunAllAsync();
    clock.Stop();
    var renewed = (await harness.PublishedAsync<MembershipRenewed>()).Count;
    var idle = Stopwatch.StartNew();
    await harness.RunAllAsync();
    idle.Stop();
    idleRuns.Add(idle.Elapsed);
    results.Add((total, clock.Elapsed, renewed));
}

Console.WriteLine();
Console.WriteLine($"Membership renewal job benchmark (PostgreSQL, one run, this machine, {now:yyyy-MM-dd})");
foreach (var (count, elapsed, renewed) in results)
{
    Console.WriteLine($"  {count,6:N0} subscriptions due across {Spaces} spaces: {elapsed.TotalSeconds,6:0.0} s in all, {elapsed.TotalMilliseconds / count,5:0.00} ms per subscription ({renewed:N0} renewals published)");
}

Console.WriteLine($"  a second run right after, nothing left to renew: {idleRuns[0].TotalSeconds:0.0} s and {idleRuns[1].TotalSeconds:0.0} s (the cost of looking at 100 spaces)");
Console.WriteLine($"  aim: under 30 s for 10,000, flat per subscription (ratio 10,000 / 1,000 per subscription: {results[1].Elapsed.TotalMilliseconds / results[1].Count / (results[0].Elapsed.TotalMilliseconds / results[0].Count):0.00})");
return 0;
