using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.ServiceDefaults.Security;

using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>Opening hours, validation, time zones, cancellation and check-in, resources — on both providers.</summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class BookingRulesTests(string provider)
{
    private ServiceHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await ServiceHost.StartAsync("Booking", provider);

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    private async Task<(Guid Space, HttpClient Operator)> SpaceAsync(string slug, string timeZone = "Europe/Paris")
    {
        var space = await host.ProvisionSpaceAsync($"{slug}-{provider.ToLowerInvariant()}", timeZone);
        return (space, host.Client(space, Guid.NewGuid(), SpaceRoles.Operator));
    }

    private static async Task PutSettingsAsync(HttpClient op, int freeCancellationHours)
    {
        using var response = await op.PutAsJsonAsync("/api/booking/settings", new
        {
            maxBookingHours = 8, advanceWindowDays = 90, freeCancellationHours, lateCancellationFeeShare = 0.5m,
            noShowGraceMinutes = 90, dayPassHoldMinutes = 15, defaultVatRate = 20m,
        });
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static async Task PutHoursAsync(HttpClient op, object weekly, object? closures = null)
    {
        using var response = await op.PutAsJsonAsync("/api/booking/opening-hours", new { weekly, closures = closures ?? Array.Empty<object>() });
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static object EveryDay(string open, string close) =>
        new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new { day, open, close }).ToArray();

    [Test]
    public async Task Bookings_outside_opening_hours_on_closures_or_in_the_past_are_refused_naming_the_rule()
    {
        var (_, op) = await SpaceAsync("rules");
        using var _op = op;
        var room = await BookingApi.CreateRoomAsync(op);
        var pool = await BookingApi.CreatePoolAsync(op, 4);
        var date = BookingApi.Weekday(5);
        await PutHoursAsync(op, new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, open = "08:30", close = "18:30" }).ToArray(),
            new[] { new { date = date.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "Fête du village" } });

        var evening = await OperatorsClient.ProblemAsync(await BookingApi.BookSlotAsync(op, room, BookingApi.Paris(date, 18), BookingApi.Paris(date, 19)), HttpStatusCode.BadRequest);
        var closed = await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(op, pool, date.AddDays(1)), HttpStatusCode.BadRequest);
        var past = await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(op, pool, BookingApi.Weekday(-7)), HttpStatusCode.BadRequest);
        var tooMany = await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(op, pool, date, seats: 5), HttpStatusCode.BadRequest);
        var tooLong = await OperatorsClient.ProblemAsync(await BookingApi.BookSlotAsync(op, room, BookingApi.Paris(date, 8, 30), BookingApi.Paris(date, 17, 30)), HttpStatusCode.BadRequest);
        var backwards = await OperatorsClient.ProblemAsync(await BookingApi.BookSlotAsync(op, room, BookingApi.Paris(date, 11), BookingApi.Paris(date, 10)), HttpStatusCode.BadRequest);
        var noSeat = await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(op, pool, date, seats: 0), HttpStatusCode.BadRequest);

        Assert.Multiple(() =>
        {
            Assert.That(evening["errors"]!["start"]![0]!.GetValue<string>(), Does.Contain("opening hours"));
            Assert.That(closed["errors"]!["date"]![0]!.GetValue<string>(), Does.Contain("Fête du village"));
            Assert.That(past["errors"]!["date"]![0]!.GetValue<string>(), Does.Contain("past"));
            Assert.That(tooMany["errors"]!["seats"]![0]!.GetValue<string>(), Does.Contain("4 seat(s)"));
            Assert.That(tooLong["errors"]!["end"]![0]!.GetValue<string>(), Does.Contain("at most 8 hours"));
            Assert.That(backwards["errors"]!["end"], Is.Not.Null);
            Assert.That(noSeat["errors"]!["seats"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Members_cannot_book_beyond_the_advance_window_and_unknown_resources_are_404()
    {
        var (space, op) = await SpaceAsync("window");
        using var _op = op;
        var pool = await BookingApi.CreatePoolAsync(op, 4);
        using var member = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        var far = await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(member, pool, BookingApi.Weekday(120)), HttpStatusCode.BadRequest);
        Assert.That(far["errors"]!["date"]![0]!.GetValue<string>(), Does.Contain("90 days"));
        await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(member, Guid.NewGuid().ToString(), BookingApi.Weekday(2)), HttpStatusCode.NotFound);
    }

    [TestCase(true, "+01:00", "+02:00", 3)]
    [TestCase(false, "+02:00", "+01:00", 5)]
    public async Task A_day_booking_on_a_daylight_saving_sunday_holds_that_days_local_opening_hours(bool forward, string openOffset, string closeOffset, int hours)
    {
        // The next such Sunday in Paris, so the day is never in the past whatever the date of the run.
        var changes = TestCalendar.NextClockChanges(DateTimeOffset.UtcNow, TestCalendar.Paris);
        var date = forward ? changes.Forward : changes.Back;
        var (_, op) = await SpaceAsync($"dst-{(forward ? "forward" : "back")}");
        using var _op = op;
        // Open 01:00–05:00 local: the clocks change inside the opening hours.
        await PutHoursAsync(op, new[] { new { day = "sunday", open = "01:00", close = "05:00" } });
        var pool = await BookingApi.CreatePoolAsync(op, 4);

        var booking = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(op, pool, date), HttpStatusCode.Created);
        var start = booking["start"]!.GetValue<string>();
        var end = booking["end"]!.GetValue<string>();
        var day = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(date.DayOfWeek, Is.EqualTo(DayOfWeek.Sunday));
            Assert.That(start, Is.EqualTo($"{day}T01:00:00{openOffset}"));
            Assert.That(end, Is.EqualTo($"{day}T05:00:00{closeOffset}"));
            Assert.That(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(TimeSpan.FromHours(hours)));
        });
    }

    [Test]
    public async Task A_free_cancellation_costs_nothing_and_a_late_one_keeps_a_share_of_the_charge()
    {
        var (space, op) = await SpaceAsync("cancel");
        using var _op = op;
        var pool = await BookingApi.CreatePoolAsync(op, 4, pricePerDay: 15m);
        using var member = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        var date = BookingApi.Weekday(3);

        await PutSettingsAsync(op, freeCancellationHours: 0);
        var early = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, date), HttpStatusCode.Created);
        var free = await BookingApi.JsonAsync(await member.DeleteAsync(new Uri($"/api/booking/bookings/{early["id"]}", UriKind.Relative)), HttpStatusCode.OK);

        await PutSettingsAsync(op, freeCancellationHours: 24 * 30);
        var late = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, date), HttpStatusCode.Created);
        var charged = await BookingApi.JsonAsync(await member.DeleteAsync(new Uri($"/api/booking/bookings/{late["id"]}", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(free["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That(free["fee"]!["amount"]!.GetValue<decimal>(), Is.Zero);
            Assert.That(charged["fee"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(7.5m));
            Assert.That(charged["fee"]!["currency"]!.GetValue<string>(), Is.EqualTo("EUR"));
        });
    }

    [Test]
    public async Task A_member_checks_in_on_the_day_and_not_twice_into_another_state()
    {
        // A space open all day every day, where it is the middle of the day now: today's booking has begun
        // (check-in is open) and is far from over, whatever the hour of the run.
        var now = DateTimeOffset.UtcNow;
        var zone = TestCalendar.ZoneAtMidday(now);
        var (space, op) = await SpaceAsync("checkin", zone.Id);
        using var _op = op;
        await PutHoursAsync(op, EveryDay("00:00", "23:59"));
        var pool = await BookingApi.CreatePoolAsync(op, 4);
        using var member = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        var today = TestCalendar.Today(now, zone);
        var booking = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, today), HttpStatusCode.Created);

        var checkedIn = await BookingApi.JsonAsync(await member.PostAsync(new Uri($"/api/booking/bookings/{booking["id"]}/check-in", UriKind.Relative), null), HttpStatusCode.OK);
        var again = await BookingApi.JsonAsync(await member.PostAsync(new Uri($"/api/booking/bookings/{booking["id"]}/check-in", UriKind.Relative), null), HttpStatusCode.OK);
        var future = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, today.AddDays(3)), HttpStatusCode.Created);
        await OperatorsClient.ProblemAsync(await member.PostAsync(new Uri($"/api/booking/bookings/{future["id"]}/check-in", UriKind.Relative), null), HttpStatusCode.Conflict);
        Assert.Multiple(() =>
        {
            Assert.That(checkedIn["status"]!.GetValue<string>(), Is.EqualTo("checked-in"));
            Assert.That(again["status"]!.GetValue<string>(), Is.EqualTo("checked-in"));
        });
    }

    [Test]
    public async Task A_resource_with_future_bookings_is_deactivated_not_deleted()
    {
        var (_, op) = await SpaceAsync("resources");
        using var _op = op;
        var pool = await BookingApi.CreatePoolAsync(op, 4, name: "Grange");
        var spare = await BookingApi.CreatePoolAsync(op, 2, name: "Spare");
        await BookingApi.JsonAsync(await BookingApi.BookDayAsync(op, pool, BookingApi.Weekday(2), memberId: Guid.NewGuid()), HttpStatusCode.Created);

        var refused = await OperatorsClient.ProblemAsync(await op.DeleteAsync(new Uri($"/api/booking/resources/{pool}", UriKind.Relative)), HttpStatusCode.Conflict);
        using var deactivate = await op.PutAsJsonAsync($"/api/booking/resources/{pool}", new { name = "Grange", kind = "desk-pool", capacity = 4, pricePerDay = 15m, active = false });
        await OperatorsClient.ExpectAsync(deactivate, HttpStatusCode.OK);
        using var deleted = await op.DeleteAsync(new Uri($"/api/booking/resources/{spare}", UriKind.Relative));
        var listed = await op.GetFromJsonAsync<JsonArray>("/api/booking/resources");
        var invalid = await OperatorsClient.ProblemAsync(await op.PostAsJsonAsync("/api/booking/resources", new { name = "", kind = "castle", capacity = 0 }), HttpStatusCode.BadRequest);
        var noKind = await OperatorsClient.ProblemAsync(await op.PostAsJsonAsync("/api/booking/resources", new { name = "X", capacity = 0 }), HttpStatusCode.BadRequest);

        Assert.Multiple(() =>
        {
            Assert.That(refused["detail"]!.GetValue<string>(), Does.Contain("deactivated"));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(listed!.Select(r => r!["name"]!.GetValue<string>()), Is.Empty);
            Assert.That(invalid["status"]!.GetValue<int>(), Is.EqualTo(400));
            Assert.That(noKind["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "name", "kind", "capacity" }).Or.SupersetOf(new[] { "kind", "capacity" }));
        });
    }

    [Test]
    public async Task Availability_shows_free_capacity_per_resource_and_slot()
    {
        var (_, op) = await SpaceAsync("availability");
        using var _op = op;
        var pool = await BookingApi.CreatePoolAsync(op, 3);
        var room = await BookingApi.CreateRoomAsync(op);
        var date = BookingApi.Weekday(2);
        await BookingApi.JsonAsync(await BookingApi.BookDayAsync(op, pool, date, seats: 2, memberId: Guid.NewGuid()), HttpStatusCode.Created);
        await BookingApi.JsonAsync(await BookingApi.BookSlotAsync(op, room, BookingApi.Paris(date, 10), BookingApi.Paris(date, 11), Guid.NewGuid()), HttpStatusCode.Created);

        var day = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var availability = await op.GetFromJsonAsync<JsonObject>($"/api/booking/availability?date={day}");
        var resources = availability!["resources"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["slots"]!.AsArray());
        var roomSlots = resources[room].Select(s => (Start: s!["start"]!.GetValue<string>(), Free: s["free"]!.GetValue<int>())).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(resources[pool].Single()!["free"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(roomSlots.Where(s => s.Free == 0).Select(s => s.Start[11..16]), Is.EqualTo(new[] { "09:30", "10:30" }));
            Assert.That(roomSlots.First().Start[11..16], Is.EqualTo("08:30"));
        });
    }
}
