using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;

namespace Operators.Billing.Charges;

/// <summary>
/// Writes charges once per source and finds whom they bill. A member attached to a company is billed to it; a member
/// billing has not heard of yet is billed in their own name (a later attachment does not move charges already made).
/// </summary>
public sealed class ChargeBook(BillingDbContext db, BillingCalendar calendar)
{
    public Task<Charge?> FindAsync(ChargeSource source, Guid sourceId, CancellationToken ct) =>
        db.Charges.FirstOrDefaultAsync(c => c.Source == source && c.SourceId == sourceId, ct);

    /// <summary>The customer a member's charges go to: their company if one pays for them, else the member.</summary>
    public async Task<Guid> CustomerOfMemberAsync(Guid memberId, CancellationToken ct) =>
        await db.Customers.AsNoTracking().Where(c => c.Id == memberId).Select(c => c.CompanyId).FirstOrDefaultAsync(ct) ?? memberId;

    /// <summary>Adds <paramref name="charge"/> unless its source already made one; true when added.</summary>
    public async Task<bool> AddAsync(Charge charge, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(charge);
        if (await db.Charges.AnyAsync(c => c.Source == charge.Source && c.SourceId == charge.SourceId, ct))
        {
            return false;
        }

        charge.Id = Guid.CreateVersion7();
        charge.CreatedAt = calendar.UtcNow;
        charge.Currency = await calendar.CurrencyAsync(ct);
        db.Charges.Add(charge);
        return true;
    }

    /// <summary>
    /// A day pass paid (at the desk, or online): its charge, for the member (or their company), or for the guest, who
    /// becomes a customer known by name and e-mail (id = the pass). Null when already recorded, or nobody is named.
    /// </summary>
    public async Task<Charge?> AddDayPassAsync(
        Guid passId, DateOnly date, Guid? memberId, string? guestName, string? guestEmail, decimal price, decimal vatRate, string paidWith, CancellationToken ct,
        string reference = "desk", DateOnly? paidOn = null)
    {
        Guid customer;
        if (memberId is { } member)
        {
            // The member bought the pass for themselves and paid it: it is theirs, not their company's.
            customer = member;
        }
        else if (!string.IsNullOrWhiteSpace(guestName))
        {
            customer = passId;
            if (!await db.Customers.AnyAsync(c => c.Id == customer, ct))
            {
                db.Customers.Add(new Customer
                {
                    Id = customer, Kind = CustomerKind.Guest, DisplayName = guestName.Trim(),
                    Email = string.IsNullOrWhiteSpace(guestEmail) ? null : guestEmail.Trim(), UpdatedAt = calendar.UtcNow,
                });
            }
        }
        else
        {
            return null;
        }

        var charge = new Charge
        {
            Source = ChargeSource.DayPass,
            SourceId = passId,
            CustomerId = customer,
            MemberId = memberId,
            Description = DayPassText((await CultureAsync(ct)).TwoLetterISOLanguageName == "fr", date),
            UnitCode = "DAY",
            UnitPrice = price,
            VatRate = vatRate,
            Date = date,
            PaidWith = paidWith,
            PaymentReference = reference,
            PaidOn = paidOn ?? await calendar.TodayAsync(ct),
        };
        return await AddAsync(charge, ct) ? charge : null;
    }

    /// <summary>The language charges are described in: the space's for its documents.</summary>
    public async Task<CultureInfo> CultureAsync(CancellationToken ct)
    {
        var language = await db.Settings.AsNoTracking().Select(s => s.Language).FirstOrDefaultAsync(ct) ?? "fr";
        return CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "fr-FR");
    }

    public Task<TimeZoneInfo> ZoneAsync(CancellationToken ct) => calendar.ZoneAsync(ct);

    /// <summary>A day pass's line, and its Stripe page's title.</summary>
    public static string DayPassText(bool french, DateOnly date)
    {
        var day = date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        return french ? $"Pass journée du {day}" : $"Day pass, {day}";
    }

    /// <summary>A booking's line: the resource and when, in the space's words and time.</summary>
    public static string BookingText(CultureInfo culture, string resource, DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, bool byTheHour)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var from = TimeZoneInfo.ConvertTime(start, zone);
        var to = TimeZoneInfo.ConvertTime(end, zone);
        var french = culture.TwoLetterISOLanguageName == "fr";
        var day = from.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        if (!byTheHour)
        {
            return french ? $"Réservation {resource}, le {day}" : $"Booking {resource}, {day}";
        }

        var hours = $"{from:HH\\:mm}";
        var until = $"{to:HH\\:mm}";
        return french ? $"Réservation {resource}, le {day} de {hours} à {until}" : $"Booking {resource}, {day} {hours}–{until}";
    }
}
