namespace Operators.Gateway.Intranet;

// The public API's documents as the intranet reads them (API.md). Kept here, not shared with the services, so the
// intranet depends on the published contract only — exactly like any other client.

public sealed record MoneyDocument(decimal Amount, string Currency);

public sealed record ResourceDocument(
    string Id, string Name, string Kind, int Capacity, MoneyDocument? PricePerDay, MoneyDocument? PricePerHour, decimal VatRate, string BookableBy, IReadOnlyList<string> Amenities, bool Active)
{
    public bool ByTheHour => Kind == "room";
}

public sealed record SlotDocument(DateTimeOffset Start, DateTimeOffset End, int Free);

public sealed record ResourceAvailabilityDocument(string Id, string Name, string Kind, int Capacity, IReadOnlyList<SlotDocument> Slots);

public sealed record AvailabilityDocument(DateOnly Date, bool Open, string? ClosedBecause, IReadOnlyList<ResourceAvailabilityDocument> Resources);

public sealed record BookingDocument(
    string Id, string ResourceId, string? MemberId, DateTimeOffset Start, DateTimeOffset End, DateOnly Date, int Seats, string Status,
    string? AllowanceKind, decimal AllowanceUsed, MoneyDocument Charge, string? DayPassId, string? EventId);

public sealed record CancellationQuoteDocument(string Id, bool Cancellable, MoneyDocument Fee, bool Free, bool AllowanceRefunded, DateTimeOffset FreeUntil);

public sealed record CancellationDocument(string Id, string Status, MoneyDocument Fee, bool AllowanceRefunded);

public sealed record PresentMemberDocument(string MemberId, string DisplayName);

public sealed record PresenceDocument(DateOnly Date, IReadOnlyList<PresentMemberDocument> Members, int OthersCount, int GuestsCount, int Total);

public sealed record EventDocument(
    string Id, string Title, string? Description, DateTimeOffset Start, DateTimeOffset End, string? RoomId, string? RoomBookingId,
    int Capacity, int Attending, int PlacesLeft, bool Attendee);

public sealed record WeeklyPeriodDocument(string? Day, string? Open, string? Close);

public sealed record ClosureDocument(DateOnly? Date, string? Reason);

public sealed record OpeningHoursDocument(List<WeeklyPeriodDocument>? Weekly, List<ClosureDocument>? Closures, string? TimeZone = null);

public sealed record CalendarFeedDocument(string Url);

public sealed record GuestDocument(string Name, string? Email);

public sealed record DayPassDocument(
    string Id, string BookingId, DateOnly Date, string Status, MoneyDocument Price, DateTimeOffset? HoldExpiresAt, string? CheckoutUrl,
    bool PayAtDesk = false, string? StatusUrl = null, GuestDocument? Guest = null, string? PaidWith = null);

public sealed record AllowanceBalanceDocument(decimal Granted, decimal Used, decimal Left);

public sealed record AllowancesDocument(DateOnly? PeriodStart, DateOnly? PeriodEnd, AllowanceBalanceDocument DeskDays, AllowanceBalanceDocument RoomHours);

public sealed record PersonDocument(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string Status);
