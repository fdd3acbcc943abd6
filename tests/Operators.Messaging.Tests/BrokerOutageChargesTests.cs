using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.ServiceDefaults.Security;
using Operators.Testing.Booking;

namespace Operators.Messaging.Tests;

/// <summary>
/// The money path across a broker outage, on the distributed shape: booking and billing as their own processes, each
/// on its own PostgreSQL database, talking over one RabbitMQ virtual host. Members book while RabbitMQ is stopped;
/// booking keeps answering (the events wait in its outbox), and when the broker is back — billing killed while the
/// backlog arrives, and restarted — every booking's charge reaches billing exactly once.
/// </summary>
[NonParallelizable]
public sealed class BrokerOutageChargesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Test]
    public async Task Bookings_confirmed_while_RabbitMQ_is_stopped_each_reach_billing_as_one_charge_once_it_is_back()
    {
        await using var vhost = await TestRabbitMq.CreateVirtualHostAsync();
        await using var booking = await ServiceHost.StartAsync("Booking", "Postgres", shared: vhost);
        await using var billing = await ServiceHost.StartAsync("Billing", "Postgres", shared: vhost);
        var space = await booking.ProvisionSpaceAsync("outage");
        await billing.WaitForSpaceAsync(space, "outage");
        using var op = booking.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 100, pricePerDay: 15m);
        using var treasurer = billing.Client(space, Guid.NewGuid(), SpaceRoles.Treasurer);
        var day = BookingApi.Weekday(3);

        // Before the outage, then during it: each booking by a member without allowance carries a 15 € charge.
        var before = await BookAsync(booking, space, pool, day, 5);
        await Eventually.MatchAsync(() => ChargesAsync(treasurer), c => c.Count >= before.Count, Patience, "the charges booked before the outage");
        List<string> during;
        await TestRabbitMq.StopAppAsync();
        try
        {
            during = await BookAsync(booking, space, pool, day, 20);
            await Task.Delay(TimeSpan.FromSeconds(3)); // the relay tries, and fails, a few times
        }
        finally
        {
            await TestRabbitMq.StartAppAsync();
        }

        // Billing is killed (SIGKILL) as the backlog starts to arrive: what it had taken but not acknowledged comes again.
        var expected = before.Concat(during).ToList();
        var atKill = (await Eventually.MatchAsync(() => ChargesAsync(treasurer), c => c.Count > before.Count, Patience, "the backlog to start arriving")).Count;
        await billing.CrashAndRestartAsync();
        using var again = billing.Client(space, Guid.NewGuid(), SpaceRoles.Treasurer);
        var charges = await Eventually.MatchAsync(
            () => ChargesAsync(again), c => expected.All(id => c.Any(x => x.SourceId == id)), Patience, "every booking's charge after the outage");
        // Give redeliveries time to arrive: a duplicate would show now.
        await Task.Delay(TimeSpan.FromSeconds(5));
        charges = await ChargesAsync(again);

        var bookingCharges = charges.Where(c => c.Source == "booking").ToList();
        var arrived = expected.Count(id => bookingCharges.Any(c => c.SourceId == id));
        var twice = bookingCharges.GroupBy(c => c.SourceId).Count(g => g.Count() > 1);
        var unknown = bookingCharges.Count(c => !expected.Contains(c.SourceId));
        TestContext.Out.WriteLine(
            $"broker outage: bookings confirmed {expected.Count} ({during.Count} while RabbitMQ was stopped); charges expected {expected.Count}, "
            + $"arrived {arrived}, charged twice {twice}, missing {expected.Count - arrived}, unexpected {unknown}, total {bookingCharges.Sum(c => c.Amount):0.00} EUR; "
            + $"billing killed with {atKill} of {expected.Count} charges in");
        Assert.Multiple(() =>
        {
            Assert.That(during, Has.Count.EqualTo(20), "booking kept answering while the broker was down");
            Assert.That(arrived, Is.EqualTo(expected.Count), "every charge arrived");
            Assert.That(twice, Is.Zero, "no charge twice");
            Assert.That(unknown, Is.Zero);
            Assert.That(bookingCharges.Sum(c => c.Amount), Is.EqualTo(15m * expected.Count));
        });
    }

    private sealed record ChargeRow(string Source, string SourceId, decimal Amount);

    /// <summary><paramref name="count"/> members each book a day; returns the bookings' ids.</summary>
    private static async Task<List<string>> BookAsync(ServiceHost booking, Guid space, string pool, DateOnly day, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var member = booking.Client(space, Guid.NewGuid(), SpaceRoles.Member);
            var created = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, day), HttpStatusCode.Created);
            Assert.That(created["charge"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(15m));
            ids.Add(created["id"]!.GetValue<string>());
        }

        return ids;
    }

    private static async Task<List<ChargeRow>> ChargesAsync(HttpClient treasurer)
    {
        var rows = await treasurer.GetFromJsonAsync<JsonArray>("/api/billing/charges");
        return rows!.Select(r => new ChargeRow(r!["source"]!.GetValue<string>(), r["sourceId"]!.GetValue<string>(), r["amount"]!["amount"]!.GetValue<decimal>())).ToList();
    }
}
