using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts.Booking;

namespace Operators.Testing.Booking;

/// <summary>Small helpers to write the tests as a user's script.</summary>
public static class BookingApi
{
    /// <summary>The events the booking service publishes, for <see cref="ServiceHost.StartAsync"/>'s <c>observe</c>.</summary>
    public static void ObserveEvents(BusObserver.Subscriptions subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        subscriptions.Observe<BookingConfirmed>().Observe<BookingCancelled>().Observe<DayPassSold>().Observe<DayPassRequested>().Observe<DayPassPaymentRefused>();
    }

    public static async Task<string> CreateResourceAsync(HttpClient operatorClient, object resource)
    {
        using var response = await operatorClient.PostAsJsonAsync("/api/booking/resources", resource);
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public static Task<string> CreatePoolAsync(HttpClient operatorClient, int capacity, decimal pricePerDay = 15m, string name = "Open space") =>
        CreateResourceAsync(operatorClient, new { name, kind = "desk-pool", capacity, pricePerDay, bookableBy = "everyone" });

    public static Task<string> CreateRoomAsync(HttpClient operatorClient, decimal pricePerHour = 10m, string name = "Salle du four", int capacity = 8) =>
        CreateResourceAsync(operatorClient, new { name, kind = "room", capacity, pricePerHour });

    public static Task<HttpResponseMessage> CreatePoolRequestAsync(HttpClient client) =>
        client.PostAsJsonAsync("/api/booking/resources", new { name = "Sneaky pool", kind = "desk-pool", capacity = 5, pricePerDay = 0m });

    public static Task<HttpResponseMessage> BookDayAsync(HttpClient client, string resourceId, DateOnly date, int seats = 1, Guid? memberId = null) =>
        client.PostAsJsonAsync("/api/booking/bookings", new { resourceId, date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), seats, memberId });

    public static Task<HttpResponseMessage> BookSlotAsync(HttpClient client, string resourceId, DateTimeOffset start, DateTimeOffset end, Guid? memberId = null) =>
        client.PostAsJsonAsync("/api/booking/bookings", new { resourceId, start, end, memberId });

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await OperatorsClient.ExpectAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The first weekday (new spaces open Monday to Friday) at least <paramref name="daysAhead"/> days after today in Paris.</summary>
    public static DateOnly Weekday(int daysAhead) => TestCalendar.Weekday(DateTimeOffset.UtcNow, daysAhead);

    /// <summary>The first weekday strictly after <paramref name="date"/>: "the next open day" of a test's script.</summary>
    public static DateOnly WeekdayAfter(DateOnly date) => TestCalendar.WeekdayAfter(date);

    /// <summary>A Paris wall-clock time on a date, as an instant with its offset.</summary>
    public static DateTimeOffset Paris(DateOnly date, int hour, int minute = 0) => TestCalendar.At(date, hour, minute, TestCalendar.Paris);
}
