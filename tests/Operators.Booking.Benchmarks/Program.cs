using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Operators.ServiceDefaults.Security;
using Operators.Testing;
using Operators.Testing.Booking;

// Booking service benchmark on PostgreSQL. Every figure comes from this one run on this machine:
//  1. booking creation rate through HTTP, against pgbench's TPS on the same server (the ratio is the figure);
//  2. availability query latency (p50/p99) with 100 resources and 10,000 bookings;
//  3. contention: 200 clients at once for the last 5 seats of a pool.
// Needs PostgreSQL (postgres/postgres on localhost) and RabbitMQ running, and the solution built in Release.
var invariant = CultureInfo.InvariantCulture;
const int Resources = 100;
const int Bookings = 10_000;
const int Clients = 8;

await using var host = await ServiceHost.StartAsync("Booking", "Postgres");
var space = await host.ProvisionSpaceAsync("bench");
using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
using (var hours = await op.PutAsJsonAsync("/api/booking/opening-hours", new
{
    weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new { day, open = "08:00", close = "18:00" }),
    closures = Array.Empty<object>(),
}))
{
    hours.EnsureSuccessStatusCode();
}

Console.WriteLine($"Setting up {Resources} resources...");
var pools = new List<string>();
var desks = new List<string>();
var rooms = new List<string>();
for (var i = 0; i < 60; i++)
{
    pools.Add(await BookingApi.CreateResourceAsync(op, new { name = $"Pool {i:00}", kind = "desk-pool", capacity = 20, pricePerDay = 15m }));
}

for (var i = 0; i < 30; i++)
{
    desks.Add(await BookingApi.CreateResourceAsync(op, new { name = $"Desk {i:00}", kind = "desk", capacity = 1, pricePerDay = 20m }));
}

for (var i = 0; i < 10; i++)
{
    rooms.Add(await BookingApi.CreateResourceAsync(op, new { name = $"Room {i:00}", kind = "room", capacity = 8, pricePerHour = 10m }));
}

// 10,000 bookings over 20 days: per day 30 desks + 100 room-hours + 370 pool seats (of 1,200).
var firstDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
var days = Enumerable.Range(0, 20).Select(firstDay.AddDays).ToList();
var plan = new List<Func<HttpClient, Task<HttpResponseMessage>>>();
foreach (var day in days)
{
    plan.AddRange(desks.Select(desk => (Func<HttpClient, Task<HttpResponseMessage>>)(c => BookingApi.BookDayAsync(c, desk, day, memberId: Guid.NewGuid()))));
    foreach (var room in rooms)
    {
        for (var hour = 8; hour < 18; hour++)
        {
            var h = hour;
            plan.Add(c => BookingApi.BookSlotAsync(c, room, BookingApi.Paris(day, h), BookingApi.Paris(day, h + 1), Guid.NewGuid()));
        }
    }

    for (var seat = 0; seat < Bookings / days.Count - desks.Count - rooms.Count * 10; seat++)
    {
        var pool = pools[seat % pools.Count];
        plan.Add(c => BookingApi.BookDayAsync(c, pool, day, memberId: Guid.NewGuid()));
    }
}

Console.WriteLine($"Creating {plan.Count} bookings through HTTP with {Clients} concurrent clients...");
var created = 0;
var failed = 0;
var next = -1;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
{
    using var client = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
    int index;
    while ((index = Interlocked.Increment(ref next)) < plan.Count)
    {
        using var response = await plan[index](client);
        Interlocked.Increment(ref response.StatusCode == HttpStatusCode.Created ? ref created : ref failed);
    }
}));
clock.Stop();
var bookingRate = created / clock.Elapsed.TotalSeconds;

Console.WriteLine($"Running pgbench ({Clients} clients, 15 s) on the same server...");
var pgbenchTps = await PgBenchAsync(Clients);

Console.WriteLine("Measuring availability queries...");
using var reader = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
var latencies = new List<double>();
for (var i = 0; i < 50; i++)
{
    await reader.GetStringAsync($"/api/booking/availability?date={days[i % days.Count].ToString("yyyy-MM-dd", invariant)}");
}

for (var i = 0; i < 1000; i++)
{
    var watch = Stopwatch.StartNew();
    await reader.GetStringAsync($"/api/booking/availability?date={days[Random.Shared.Next(days.Count)].ToString("yyyy-MM-dd", invariant)}");
    latencies.Add(watch.Elapsed.TotalMilliseconds);
}

latencies.Sort();

Console.WriteLine("Contention: 200 clients for the last 5 seats...");
var contended = await BookingApi.CreateResourceAsync(op, new { name = "Contended", kind = "desk-pool", capacity = 5, pricePerDay = 15m });
var contentionDay = days[^1].AddDays(1);
var contenders = Enumerable.Range(0, 200).Select(_ => host.Client(space, Guid.NewGuid(), SpaceRoles.Member)).ToList();
var gate = new TaskCompletionSource();
var race = contenders.Select(async c =>
{
    await gate.Task;
    using var response = await BookingApi.BookDayAsync(c, contended, contentionDay);
    return response.StatusCode;
}).ToList();
var contentionClock = Stopwatch.StartNew();
gate.SetResult();
var outcomes = await Task.WhenAll(race);
contentionClock.Stop();
contenders.ForEach(c => c.Dispose());

Console.WriteLine();
Console.WriteLine("Booking service benchmark (PostgreSQL, one run, this machine)");
Console.WriteLine($"  booking creation through HTTP : {bookingRate,8:0.0} bookings/s  ({created} created, {failed} refused, {clock.Elapsed.TotalSeconds:0.0} s, {Clients} clients)");
Console.WriteLine($"  pgbench (TPC-B-like)          : {pgbenchTps,8:0.0} TPS          ({Clients} clients, 15 s)");
Console.WriteLine($"  ratio bookings/s : pgbench TPS: {bookingRate / pgbenchTps,8:0.00}   (aim >= 0.5)");
Console.WriteLine($"  availability, {Resources} resources, {created} bookings: p50 {Percentile(latencies, 0.50):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms (1,000 queries)");
Console.WriteLine($"  contention, 200 clients / 5 seats: {outcomes.Count(o => o == HttpStatusCode.Created)} created, {outcomes.Count(o => o == HttpStatusCode.Conflict)} conflicts, {outcomes.Count(o => o is not (HttpStatusCode.Created or HttpStatusCode.Conflict))} other, in {contentionClock.Elapsed.TotalMilliseconds:0} ms");
return 0;

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static async Task<double> PgBenchAsync(int clients)
{
    await using var database = await TestPostgres.CreateDatabaseAsync("pgbench");
    var connection = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
    async Task<string> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("pgbench") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args.Concat(["-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, database.Name]))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException("pgbench failed: " + errors);
    }

    await RunAsync("-i", "-q", "-s", "10");
    var result = await RunAsync("-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", "15");
    var match = Regex.Match(result, @"tps = ([0-9.]+)");
    return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
}
