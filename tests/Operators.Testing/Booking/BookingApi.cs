using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Operators.Testing.Booking;

/// <summary>Small helpers to write the tests as a user's script.</summary>
public static class BookingApi
{
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

    /// <summary>The next weekday (the default schedule opens Monday to Friday) at least <paramref name="daysAhead"/> days from today in Paris.</summary>
    public static DateOnly Weekday(int daysAhead)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, paris)).AddDays(daysAhead);
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>A Paris wall-clock time on a date, as an instant with its offset.</summary>
    public static DateTimeOffset Paris(DateOnly date, int hour, int minute = 0)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, paris.GetUtcOffset(local));
    }
}
