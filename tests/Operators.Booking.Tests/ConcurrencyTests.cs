using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.ServiceDefaults.Security;

using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>The capacity invariant under load, on both providers the product runs on.</summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
[NonParallelizable]
public sealed class ConcurrencyTests(string provider)
{
    private ServiceHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await ServiceHost.StartAsync("Booking", provider);

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
        {
            await TestContext.Out.WriteLineAsync(host.Process.Output);
        }

        await host.DisposeAsync();
    }

    [Test]
    public async Task Two_hundred_concurrent_requests_for_the_last_5_seats_of_a_pool_give_exactly_5_bookings()
    {
        var space = await host.ProvisionSpaceAsync("pool-race");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, capacity: 12);
        var date = BookingApi.Weekday(3);
        using (var taken = await BookingApi.BookDayAsync(op, pool, date, seats: 7, memberId: Guid.NewGuid()))
        {
            await OperatorsClient.ExpectAsync(taken, HttpStatusCode.Created);
        }

        var statuses = await RaceAsync(space, 200, (member, _) => BookingApi.BookDayAsync(member, pool, date));

        Assert.Multiple(async () =>
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(5));
            Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(195));
            var bookings = await ActiveBookingsAsync(op, date, pool);
            Assert.That(bookings.Sum(b => b["seats"]!.GetValue<int>()), Is.EqualTo(12));
        });
    }

    [Test]
    public async Task Two_hundred_concurrent_requests_for_one_room_slot_give_exactly_1_booking()
    {
        var space = await host.ProvisionSpaceAsync("room-race");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var room = await BookingApi.CreateRoomAsync(op);
        var date = BookingApi.Weekday(3);

        // Overlapping but different slots: every one of them collides with every other.
        var statuses = await RaceAsync(space, 200, (member, i) => BookingApi.BookSlotAsync(member, room, BookingApi.Paris(date, 10, i % 30), BookingApi.Paris(date, 11, i % 30)));

        Assert.Multiple(async () =>
        {
            Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1));
            Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(199));
            var bookings = await ActiveBookingsAsync(op, date, room);
            var slots = bookings.Select(b => (Start: b["start"]!.GetValue<DateTimeOffset>(), End: b["end"]!.GetValue<DateTimeOffset>())).ToList();
            var overlaps = slots.SelectMany((a, i) => slots.Skip(i + 1).Where(b => a.Start < b.End && b.Start < a.End)).Count();
            Assert.That(slots, Has.Count.EqualTo(1));
            Assert.That(overlaps, Is.Zero);
        });
    }

    [Test]
    public async Task A_request_retried_with_its_idempotency_key_returns_the_first_result_never_a_second_booking()
    {
        var space = await host.ProvisionSpaceAsync("idempotent");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, capacity: 50);
        var date = BookingApi.Weekday(4);
        using var member = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);

        async Task<(HttpStatusCode Status, string? Id)> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/booking/bookings")
            {
                Content = JsonContent.Create(new { resourceId = pool, date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
            };
            request.Headers.Add("Idempotency-Key", "retry-me-1");
            using var response = await member.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            return (response.StatusCode, body?["id"]?.GetValue<string>());
        }

        var first = await SendAsync();
        var retries = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SendAsync()));

        using var different = new HttpRequestMessage(HttpMethod.Post, "/api/booking/bookings")
        {
            Content = JsonContent.Create(new { resourceId = pool, date = date.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
        };
        different.Headers.Add("Idempotency-Key", "retry-me-1");
        using var reused = await member.SendAsync(different);

        Assert.Multiple(async () =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(retries.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.Created));
            Assert.That(retries.Select(r => r.Id), Is.All.EqualTo(first.Id));
            Assert.That(await ActiveBookingsAsync(op, date, pool), Has.Count.EqualTo(1));
            Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        });
    }

    [Test]
    public async Task Concurrent_first_requests_with_one_idempotency_key_make_one_booking()
    {
        var space = await host.ProvisionSpaceAsync("idempotent-race");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, capacity: 50);
        var date = BookingApi.Weekday(4);
        using var member = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/booking/bookings")
            {
                Content = JsonContent.Create(new { resourceId = pool, date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
            };
            request.Headers.Add("Idempotency-Key", "double-click");
            using var response = await member.SendAsync(request);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())?["id"]?.GetValue<string>());
        }));

        Assert.Multiple(async () =>
        {
            Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
            Assert.That(answers.Select(a => a.Item2).Distinct().Count(), Is.EqualTo(1));
            Assert.That(await ActiveBookingsAsync(op, date, pool), Has.Count.EqualTo(1));
        });
    }

    /// <summary>Each request from a different member, all released at once.</summary>
    private async Task<List<HttpStatusCode>> RaceAsync(Guid space, int count, Func<HttpClient, int, Task<HttpResponseMessage>> send)
    {
        var clients = Enumerable.Range(0, count).Select(_ => host.Client(space, Guid.NewGuid(), SpaceRoles.Member)).ToList();
        try
        {
            using var start = new SemaphoreSlim(0);
            var tasks = clients.Select(async (client, i) =>
            {
                await start.WaitAsync();
                using var response = await send(client, i);
                if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                {
                    await TestContext.Out.WriteLineAsync($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                return response.StatusCode;
            }).ToList();
            start.Release(count);
            return [.. await Task.WhenAll(tasks)];
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }


    private static async Task<List<JsonObject>> ActiveBookingsAsync(HttpClient op, DateOnly date, string resourceId)
    {
        var day = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var all = await op.GetFromJsonAsync<JsonArray>($"/api/booking/bookings?from={day}&to={day}");
        return all!.Select(b => b!.AsObject())
            .Where(b => b["resourceId"]!.GetValue<string>() == resourceId && b["status"]!.GetValue<string>() is "confirmed" or "checked-in")
            .ToList();
    }
}
