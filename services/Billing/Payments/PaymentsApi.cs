using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Payments;

/// <summary>
/// <c>POST /invoices/{id}/payments</c>, treasurers: money received by transfer, cash, cheque or card terminal, in
/// full or in parts. A payment is an accounting record (never changed or deleted); it moves the invoice's status and
/// is announced as <c>PaymentReceived</c> through the outbox.
/// </summary>
public static class PaymentsApi
{
    public static RouteGroupBuilder MapPayments(this RouteGroupBuilder api)
    {
        api.MapPost("/invoices/{id:guid}/payments", RecordAsync)
            .RequireSpaceRole(SpaceAccess.Treasurer, "Only treasurers and owners record payments.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/invoices/{id:guid}/refunds", RefundAsync)
            .RequireSpaceRole(SpaceAccess.Treasurer, "Only treasurers and owners record refunds.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>
    /// <c>POST /invoices/{id}/refunds</c>: money given back by hand (transfer, cash, cheque, card terminal) after a credit
    /// note left the invoice owing the customer. At most what is owed back, less the card refunds Stripe is making.
    /// Recorded as a negative payment, so the invoice, the reports and the FEC's bank or cash journal balance.
    /// </summary>
    private static Task<Results<Created<InvoiceResponse>, ValidationProblem, ProblemHttpResult>> RefundAsync(
        Guid id, PaymentRequest? request, IValidator<PaymentRequest> validator, Caller caller, BillingDbContext db, Outbox<BillingDbContext> outbox,
        BillingCalendar calendar, HttpRequest http, CancellationToken ct) =>
        WriteAsync(id, request, validator, caller, db, outbox, calendar, http, refund: true, ct);

    private static Task<Results<Created<InvoiceResponse>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid id, PaymentRequest? request, IValidator<PaymentRequest> validator, Caller caller, BillingDbContext db, Outbox<BillingDbContext> outbox,
        BillingCalendar calendar, HttpRequest http, CancellationToken ct) =>
        WriteAsync(id, request, validator, caller, db, outbox, calendar, http, refund: false, ct);

    private static async Task<Results<Created<InvoiceResponse>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        Guid id, PaymentRequest? request, IValidator<PaymentRequest> validator, Caller caller, BillingDbContext db, Outbox<BillingDbContext> outbox,
        BillingCalendar calendar, HttpRequest http, bool refund, CancellationToken ct)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return ProblemResults.NotFound();
        }

        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        if (invoice.Kind != DocumentKind.Invoice || !invoice.IsIssued)
        {
            return ProblemResults.Conflict(refund
                ? "Refunds are recorded against an issued invoice (the one the credit note credits)."
                : "Payments are recorded against an issued invoice.");
        }

        // What may be written: the amount due, or what is owed back less what Stripe is refunding to the card.
        var underway = refund ? await Stripe.StripeRefunds.UnderwayAsync(db, invoice.Id, ct) : 0m;
        var limit = refund ? -invoice.AmountDue - underway : invoice.AmountDue;
        if (refund && limit <= 0m)
        {
            return ProblemResults.Conflict(underway > 0m
                ? $"{invoice.Number} owes nothing back beyond the {underway} {invoice.Currency} Stripe is refunding to the card."
                : $"{invoice.Number} owes nothing back: a refund follows a credit note that leaves more paid than due.");
        }

        if (!refund && invoice.Status == InvoiceStatus.Cancelled)
        {
            return ProblemResults.Conflict($"{invoice.Number} is cancelled by a credit note: nothing is due.");
        }

        if (request!.Amount!.Currency is { } currency && currency != invoice.Currency)
        {
            return ProblemResults.Validation("amount.currency", $"{invoice.Number} is in {invoice.Currency}.");
        }

        var today = await calendar.TodayAsync(ct);
        var date = request.Date ?? today;
        if (date > today)
        {
            return ProblemResults.Validation("date", "A payment or refund is recorded once made: the date cannot be in the future.");
        }

        if (date < invoice.IssueDate)
        {
            return ProblemResults.Validation("date", $"{invoice.Number} was issued on {invoice.IssueDate:yyyy-MM-dd}: a payment or refund against it is dated that day or later.");
        }

        if (request.Amount.Amount > limit)
        {
            return ProblemResults.Validation("amount", refund
                ? $"{invoice.Number} owes {limit} {invoice.Currency} back: a refund of {request.Amount.Amount} would give too much."
                : $"{invoice.Number} has {invoice.AmountDue} {invoice.Currency} due: a payment of {request.Amount.Amount} would pay too much.");
        }

        PaymentLedger.Record(
            db, outbox, invoice, refund ? -request.Amount.Amount : request.Amount.Amount, InvoiceNames.Methods[request.Method!], date,
            request.Reference?.Trim() is { Length: > 0 } reference ? reference : null, calendar.UtcNow, caller.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two at once: the second would be checked against a stale amount due.
            return ProblemResults.Conflict($"{invoice.Number} changed meanwhile (a payment, a refund or a credit note): read it again and retry.");
        }

        return TypedResults.Created($"{http.PathBase}/api/billing/invoices/{invoice.Id}", await InvoicesApi.ResponseAsync(db, invoice, ct));
    }
}
