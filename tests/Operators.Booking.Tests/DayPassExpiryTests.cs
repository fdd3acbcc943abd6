using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.ServiceDefaults.Security;

using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>An unpaid hold runs out on its own: slow by nature (the shortest hold is a minute), so one test, on PostgreSQL.</summary>
public sealed class DayPassExpiryTests
{
    [Test]
    public async Task An_unpaid_day_pass_hold_is_released_when_it_expires_and_the_seat_sells_again()
    {
        await using var host = await BookingHost.StartAsync("Postgres");
        var space = await host.ProvisionSpaceAsync("expiry");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        using (var settings = await op.PutAsJsonAsync("/api/booking/settings", new
        {
            maxBookingHours = 8, advanceWindowDays = 90, freeCancellationHours = 24, lateCancellationFeeShare = 0.5m,
            noShowGraceMinutes = 90, dayPassHoldMinutes = 1, defaultVatRate = 20m,
        }))
        {
            await OperatorsClient.ExpectAsync(settings, HttpStatusCode.OK);
        }

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
}
