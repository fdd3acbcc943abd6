namespace Operators.Contracts.Billing;

/// <summary>What a payment was for: <see cref="DayPass"/> (subject id = the day pass) or <see cref="Invoice"/>.</summary>
public static class PaymentSubjects
{
    public const string DayPass = "day-pass";
    public const string Invoice = "invoice";
}

/// <summary>Money arrived for something (Stripe, or recorded by hand).</summary>
public sealed record PaymentReceived(Guid PaymentId, string Subject, Guid SubjectId, Money Amount, DateTimeOffset ReceivedAt);

/// <summary>A payment attempt failed or was abandoned.</summary>
public sealed record PaymentFailed(Guid PaymentId, string Subject, Guid SubjectId, string Reason);

/// <summary>
/// An issued invoice is still unpaid <paramref name="DaysOverdue"/> days after its due date (published at each
/// dunning step). <paramref name="MemberId"/> or <paramref name="CompanyId"/> names the customer.
/// </summary>
public sealed record InvoiceOverdue(Guid InvoiceId, string Number, Guid? MemberId, Guid? CompanyId, DateOnly DueDate, int DaysOverdue, Money AmountDue);

/// <summary>
/// Billing's answer to a day pass requested online: the Stripe page where the guest pays (<paramref name="CheckoutUrl"/>,
/// open until <paramref name="ExpiresAt"/>), or none when the space takes no online payment — the pass is then paid at
/// the desk, and the seat held until an operator confirms it.
/// </summary>
public sealed record DayPassCheckoutOpened(Guid DayPassId, string? CheckoutUrl, DateTimeOffset? ExpiresAt);
