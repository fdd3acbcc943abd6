using System.Globalization;
using global::Stripe;
using global::Stripe.Checkout;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Persistence;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.Tenancy;

namespace Operators.Billing.Stripe;

/// <summary>What a Checkout session is opened for: the subject, the amount incl. VAT, a line's name, where the buyer returns.</summary>
public sealed record CheckoutRequest(string Subject, Guid SubjectId, decimal Amount, string Currency, string Name, string? Email, string ReturnUrl, DateTime ExpiresAt);

/// <summary>
/// Calls Stripe (Stripe.net) with the space's own secret key. The API's address is <c>Stripe:ApiBase</c>
/// (Stripe's by default; the tests' local fake server otherwise): nothing else in billing knows where Stripe is.
/// Sessions are opened with an idempotency key per subject and amount, so a retried request opens no second session.
/// </summary>
public sealed class StripeGateway(
    BillingDbContext db, StripeKeys keys, BillingCalendar calendar, ITenantContext tenants, IHttpClientFactory http, IConfiguration configuration)
{
    public const string HttpClientName = "stripe";

    /// <summary>The space's client, or null when it has no Stripe keys (online payment then is not offered).</summary>
    public async Task<IStripeClient?> ClientAsync(CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct);
        return settings?.StripeReady == true && keys.SecretKey(settings) is { } secret ? Client(secret) : null;
    }

    private StripeClient Client(string secret) => new(
        apiKey: secret,
        httpClient: new SystemNetHttpClient(http.CreateClient(HttpClientName)),
        apiBase: configuration["Stripe:ApiBase"] ?? "https://api.stripe.com");

    /// <summary>Opens a Checkout session and records it; the page's address is the session's <c>url</c>.</summary>
    public async Task<StripeCheckout> OpenAsync(IStripeClient client, CheckoutRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cents = (long)Math.Round(request.Amount * 100m, MidpointRounding.AwayFromZero);
        var metadata = new Dictionary<string, string>
        {
            ["space"] = tenants.TenantId?.ToString() ?? "",
            ["subject"] = request.Subject,
            ["subjectId"] = request.SubjectId.ToString(),
        };
        var options = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = request.SubjectId.ToString(),
            CustomerEmail = request.Email,
            SuccessUrl = request.ReturnUrl + (request.ReturnUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "paid=1",
            CancelUrl = request.ReturnUrl,
            ExpiresAt = request.ExpiresAt,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency.ToLowerInvariant(),
                        UnitAmount = cents,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Name },
                    },
                },
            ],
        };
        // A day pass has one page: a redelivered request gets it back. An invoice may need a new page once one expired.
        var idempotency = request.Subject == Contracts.Billing.PaymentSubjects.DayPass
            ? $"checkout-{request.Subject}-{request.SubjectId}"
            : string.Create(CultureInfo.InvariantCulture, $"checkout-{request.Subject}-{request.SubjectId}-{cents}-{request.ExpiresAt:yyyyMMddHHmm}");
        var session = await new SessionService(client).CreateAsync(options, new RequestOptions { IdempotencyKey = idempotency }, ct);
        var checkout = await db.Set<StripeCheckout>().FirstOrDefaultAsync(c => c.Id == session.Id, ct);
        if (checkout is null)
        {
            checkout = new StripeCheckout
            {
                Id = session.Id,
                Subject = request.Subject,
                SubjectId = request.SubjectId,
                Amount = request.Amount,
                Currency = request.Currency,
                Url = session.Url,
                Status = CheckoutStatus.Open,
                CreatedAt = calendar.UtcNow,
                ExpiresAt = request.ExpiresAt,
            };
            db.Add(checkout);
        }

        return checkout;
    }
}
