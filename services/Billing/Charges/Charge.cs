using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Charges;

/// <summary>Where a charge comes from; with <see cref="Charge.SourceId"/>, it names the event that made it, once.</summary>
public enum ChargeSource
{
    /// <summary>A booking beyond the allowance (<c>BookingConfirmed</c>); source id = the booking.</summary>
    Booking,

    /// <summary>A late cancellation's fee (<c>BookingCancelled</c>); source id = the booking.</summary>
    CancellationFee,

    /// <summary>The reversal of a booking's charge already invoiced, when the booking was cancelled; source id = the booking.</summary>
    BookingReversal,

    /// <summary>A day pass sold at the desk (<c>DayPassSold</c>); source id = the day pass.</summary>
    DayPass,

    /// <summary>A subscription's period, setup fee, proration or commitment; source id = membership's charge id.</summary>
    Membership,
}

/// <summary>
/// Something billable the space has not necessarily invoiced yet: one future invoice line. It is made once per source
/// (unique on space, source and source id), so a redelivered event adds nothing. An invoice run claims it by setting
/// <see cref="InvoiceId"/> in the transaction that writes the invoice; deleting that draft releases it
/// (the database sets the column back to null). A voided charge is never billed.
/// </summary>
public sealed class Charge : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public ChargeSource Source { get; set; }

    public Guid SourceId { get; set; }

    /// <summary>Who is invoiced: the member, or the company that pays for them, or a guest customer.</summary>
    public Guid CustomerId { get; set; }

    /// <summary>The member the charge is about, when there is one (a company's seat, a booking).</summary>
    public Guid? MemberId { get; set; }

    public required string Description { get; set; }

    public decimal Quantity { get; set; } = 1m;

    /// <summary>UN/ECE rec. 20: <c>C62</c>, <c>DAY</c>, <c>HUR</c>, <c>MON</c>.</summary>
    public string UnitCode { get; set; } = "C62";

    /// <summary>Excl. VAT; negative for a credit (unused days of a period, a reversed booking).</summary>
    public decimal UnitPrice { get; set; }

    public decimal VatRate { get; set; }

    public string Currency { get; set; } = "EUR";

    /// <summary>The space's day the charge belongs to: a run of period P bills what falls on or before P's last day.</summary>
    public DateOnly Date { get; set; }

    /// <summary>The service period, when it spans days (a subscription's period).</summary>
    public DateOnly? ServiceFrom { get; set; }

    public DateOnly? ServiceTo { get; set; }

    /// <summary>Cancelled before it was invoiced (a booking cancelled in time): never billed.</summary>
    public bool Voided { get; set; }

    /// <summary>
    /// Already paid at the desk, and how (<c>cash</c>, <c>card</c>, <c>cheque</c>, <c>bank-transfer</c>): invoiced on its own,
    /// issued and marked paid at once (<see cref="DeskSales"/>), never combined with what is still due.
    /// </summary>
    public string? PaidWith { get; set; }

    /// <summary>Paid already: the payment's reference (Stripe's payment intent for a card paid online) and day.</summary>
    public string? PaymentReference { get; set; }

    public DateOnly? PaidOn { get; set; }

    /// <summary>The invoice (draft or issued) that bills it; null while unbilled.</summary>
    public Guid? InvoiceId { get; set; }

    /// <summary>The run that billed it, if a run did.</summary>
    public Guid? RunId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Quantity × unit price, rounded to the cent as an invoice line is.</summary>
    public decimal Amount => Math.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);
}
