using global::Stripe;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.Contracts.Billing;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Stripe;

public sealed record CheckoutResponse(string Url, DateTime ExpiresAt);

/// <summary>
/// <c>POST /invoices/{id}/checkout</c>, the invoice's member (or a member of its company) or a treasurer: a Stripe
/// payment page for what the invoice still owes. An open page for the same amount is given again rather than a new one.
/// A space without Stripe keys answers 409: its invoices are paid by transfer, cash or cheque.
/// </summary>
public static class CheckoutApi
{
    public static RouteGroupBuilder MapCheckout(this RouteGroupBuilder api)
    {
        api.MapPost("/invoices/{id:guid}/checkout", CheckoutAsync)
            .RequireSpaceRole(SpaceAccess.Member, "Sign in as a member of this space to pay an invoice.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }

    private static async Task<Results<Ok<CheckoutResponse>, ProblemHttpResult>> CheckoutAsync(
        Guid id, Caller caller, BillingDbContext db, StripeGateway stripe, BillingCalendar calendar, HttpRequest http, ILoggerFactory logs, CancellationToken ct)
    {
        var invoice = await (await InvoicesApi.VisibleAsync(db, caller, ct)).AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return ProblemResults.NotFound();
        }

        if (invoice.Kind != DocumentKind.Invoice || !invoice.IsIssued || invoice.Status is not (InvoiceStatus.Issued or InvoiceStatus.PartiallyPaid) || invoice.AmountDue <= 0m)
        {
            return ProblemResults.Conflict(invoice.IsIssued ? $"{invoice.Number} has nothing left to pay." : "Only an issued invoice can be paid.");
        }

        var client = await stripe.ClientAsync(ct);
        if (client is null)
        {
            return ProblemResults.Conflict("This space takes no online payment: pay by bank transfer (the IBAN is on the invoice), in cash or by cheque at the desk.");
        }

        var now = calendar.UtcNow;
        var open = await db.Set<StripeCheckout>().AsNoTracking()
            .Where(c => c.Subject == PaymentSubjects.Invoice && c.SubjectId == id && c.Status == CheckoutStatus.Open && c.Amount == invoice.AmountDue)
            .ToListAsync(ct);
        if (open.FirstOrDefault(c => c.ExpiresAt > now.AddMinutes(10)) is { } page)
        {
            return TypedResults.Ok(new CheckoutResponse(page.Url, page.ExpiresAt));
        }

        var back = PublicAddress.Of(http) + (caller.IsTreasurer ? $"/billing/invoices/{id}" : "/invoices");
        try
        {
            var checkout = await stripe.OpenAsync(client, new CheckoutRequest(
                PaymentSubjects.Invoice, id, invoice.AmountDue, invoice.Currency,
                (invoice.Language == "en" ? "Invoice " : "Facture ") + invoice.Number, invoice.Buyer?.Email, back,
                // Stripe keeps a session open 24 hours at most.
                now.AddHours(23)), ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new CheckoutResponse(checkout.Url, checkout.ExpiresAt));
        }
        catch (StripeException e)
        {
            logs.CreateLogger(typeof(CheckoutApi)).LogWarning(e, "Stripe refused a checkout session for invoice {InvoiceId}", id);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway, title: "Stripe refused the payment page",
                detail: $"Stripe answered: {e.StripeError?.Message ?? e.Message}. Check the space's Stripe keys, or pay by transfer.");
        }
    }
}
