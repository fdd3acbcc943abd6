using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.ServiceDefaults.Security;
using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>
/// What the recurring and delayed jobs do on their own: slow by nature (the shortest hold is a minute, the
/// no-show sweep runs every minute here), so on PostgreSQL only.
/// </summary>
public sealed class JobsTests
{
    private ServiceHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await ServiceHost.StartAsync("Booking", "Postgres", new Dictionary<string, string> { ["Booking:NoShowCron"] = "* * * * *" });

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    private static async Task PutSettingsAsync(HttpClient op, int holdMinutes, int graceMinutes)
    {
        using var settings = await op.PutAsJsonAsync("/api/booking/settings", new
        {
            maxBookingHours = 8, advanceWindowDays = 90, freeCancellationHours = 24, lateCancellationFeeShare = 0.5m,
            noShowGraceMinutes = graceMinutes, dayPassHoldMinutes = holdMinutes, defaultVatRate = 20m,
        });
        await OperatorsClient.ExpectAsync(settings, HttpStatusCode.OK);
    }

    [Test]
    public async Task An_unpaid_day_pass_hold_is_released_when_it_expires_and_the_seat_sells_again()
    {
        var space = await host.ProvisionSpaceAsync("expiry");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        await PutSettingsAsync(op, holdMinutes: 1, graceMinutes: 90);
        await BookingApi.CreatePoolAsync(op, 1);
        using var guest = host.Client(space, null);
        var date = BookingApi.Weekday(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var held = await BookingApi.JsonAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date, guest = new { name = "Léa", email = "lea@example.org" } }), HttpStatusCode.Created);
        await OperatorsClient.ProblemAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date, guest = new { name = "Tom", email = "tom@example.org" } }), HttpStatusCode.Conflict);

        var released = await Eventually.MatchAsync(
            () => op.GetFromJsonAsync<JsonObject>($"/api/booking/day-passes/{held["id"]}")!,
            p => p!["status"]!.GetValue<string>() == "released", TimeSpan.FromSeconds(120), "the hold to expire");
        var resold = await BookingApi.JsonAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date, guest = new { name = "Tom", email = "tom@example.org" } }), HttpStatusCode.Created);

        Assert.Multiple(() =>
        {
            Assert.That(released!["status"]!.GetValue<string>(), Is.EqualTo("released"));
            Assert.That(resold["status"]!.GetValue<string>(), Is.EqualTo("held"));
        });
    }

    [Test]
    public async Task A_booking_not_checked_in_after_the_grace_period_is_a_no_show_and_frees_its_seat_for_the_rest_of_the_day()
    {
        // A space open all day every day, where it is the middle of the day now: today's booking started hours
        // ago, well past the grace period, and the day is far from over, whatever the hour of the run.
        var now = DateTimeOffset.UtcNow;
        var zone = TestCalendar.ZoneAtMidday(now);
        var space = await host.ProvisionSpaceAsync("no-show", zone.Id);
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        await PutSettingsAsync(op, holdMinutes: 15, graceMinutes: 5);
        using (var hours = await op.PutAsJsonAsync("/api/booking/opening-hours", new
        {
            weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new { day, open = "00:00", close = "23:59" }),
            closures = Array.Empty<object>(),
        }))
        {
            await OperatorsClient.ExpectAsync(hours, HttpStatusCode.OK);
        }

        var pool = await BookingApi.CreatePoolAsync(op, 1);
        var today = TestCalendar.Today(now, zone);
        using var absent = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        using var latecomer = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        var booking = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(absent, pool, today), HttpStatusCode.Created);
        await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(latecomer, pool, today), HttpStatusCode.Conflict);

        var noShow = await Eventually.MatchAsync(
            () => op.GetFromJsonAsync<JsonObject>($"/api/booking/bookings/{booking["id"]}")!,
            b => b!["status"]!.GetValue<string>() == "no-show", TimeSpan.FromSeconds(150), "the no-show sweep");
        var freed = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(latecomer, pool, today), HttpStatusCode.Created);

        Assert.Multiple(() =>
        {
            Assert.That(noShow!["status"]!.GetValue<string>(), Is.EqualTo("no-show"));
            Assert.That(freed["status"]!.GetValue<string>(), Is.EqualTo("confirmed"));
        });
    }
}
