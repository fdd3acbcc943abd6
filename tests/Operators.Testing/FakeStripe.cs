using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Operators.Testing;

/// <summary>One call Stripe's fake received: the path, the secret key it was made with, its form fields and idempotency key.</summary>
public sealed record FakeStripeCall(string Path, string? Key, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey);

/// <summary>
/// A local server that speaks the few endpoints of Stripe's API billing calls (Checkout sessions, refunds), as Stripe.net
/// sends and reads them: form-encoded requests with a bearer secret key, JSON objects back, the same answer for a
/// repeated idempotency key. Tests point <c>Stripe:ApiBase</c> here: no test reaches the internet. It also signs webhook
/// payloads the way Stripe does (<see cref="Sign"/>).
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, string> answers = new();
    private readonly ConcurrentDictionary<string, HostedPage> pages = new();
    private int sequence;

    private FakeStripe(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<FakeStripeCall> Calls { get; } = new();

    /// <summary>
    /// Where the hosted payment page (<c>GET /pay/{id}</c>) posts <c>checkout.session.completed</c>, signed with the secret,
    /// when a browser pays on it — as Stripe's own page and webhook do. Without it the page only redirects back.
    /// </summary>
    public (Uri Url, string Secret)? Webhook { get; set; }

    /// <summary>When set, the next call answers this Stripe error (HTTP 402, a card error) once.</summary>
    public string? FailNextWith { get; set; }

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripe(app);
        app.MapPost("/v1/checkout/sessions", (Delegate)((HttpContext http) => fake.AnswerAsync(http, "cs_test_", (id, form) => fake.Opened(id, form, new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["url"] = $"{fake.BaseAddress}pay/{id}",
            ["mode"] = "payment",
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["amount_total"] = long.Parse(form.GetValueOrDefault("line_items[0][price_data][unit_amount]", "0"), CultureInfo.InvariantCulture),
            ["currency"] = form.GetValueOrDefault("line_items[0][price_data][currency]"),
            ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"),
            ["expires_at"] = long.Parse(form.GetValueOrDefault("expires_at", "0"), CultureInfo.InvariantCulture),
            ["metadata"] = Metadata(form, "metadata"),
        }))));
        app.MapGet("/pay/{id}", (Delegate)((HttpContext http) => fake.Page(http.GetRouteValue("id") as string ?? "")));
        app.MapPost("/pay/{id}", (Delegate)((HttpContext http) => fake.PayAsync(http.GetRouteValue("id") as string ?? "")));
        app.MapPost("/v1/refunds", (Delegate)((HttpContext http) => fake.AnswerAsync(http, "re_test_", (id, form) => new JsonObject
        {
            ["id"] = id,
            ["object"] = "refund",
            ["amount"] = long.Parse(form.GetValueOrDefault("amount", "0"), CultureInfo.InvariantCulture),
            ["currency"] = "eur",
            ["payment_intent"] = form.GetValueOrDefault("payment_intent"),
            ["status"] = "succeeded",
            ["metadata"] = Metadata(form, "metadata"),
        })));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    public IReadOnlyList<FakeStripeCall> CallsTo(string path) => Calls.Where(c => c.Path == path).ToList();

    private JsonObject Opened(string id, Dictionary<string, string> form, JsonObject session)
    {
        pages[id] = new HostedPage(
            form.GetValueOrDefault("success_url", ""), form.GetValueOrDefault("cancel_url", ""), session["amount_total"]!.GetValue<long>(), session["currency"]?.GetValue<string>() ?? "eur");
        return session;
    }

    private IResult Page(string id) => pages.TryGetValue(id, out var page) ? Results.Content(page.Html(id), "text/html; charset=utf-8") : Results.NotFound();

    /// <summary>A browser paid on the hosted page: the signed webhook first (Stripe sends it at once), then back to the space.</summary>
    private async Task<IResult> PayAsync(string id)
    {
        if (!pages.TryGetValue(id, out var page))
        {
            return Results.NotFound();
        }

        if (Webhook is { } webhook)
        {
            var paid = Event($"evt_paid_{id}", "checkout.session.completed", Session(id, "paid", $"pi_{id}", page.Amount));
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(paid, Encoding.UTF8, "application/json") };
            request.Headers.Add("Stripe-Signature", Sign(paid, webhook.Secret, DateTimeOffset.UtcNow));
            using var answer = await client.SendAsync(request);
            answer.EnsureSuccessStatusCode();
        }

        return Results.Redirect(page.SuccessUrl);
    }

    private sealed record HostedPage(string SuccessUrl, string CancelUrl, long Amount, string Currency)
    {
        public string Html(string id) =>
            $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head>
            <body><main><h1>Pay {Amount / 100m:0.00} {Currency.ToUpperInvariant()}</h1>
            <form method="post" action="/pay/{id}"><button type="submit">Pay</button></form>
            <p><a href="{System.Net.WebUtility.HtmlEncode(CancelUrl)}">Back</a></p></main></body></html>
            """;
    }

    private async Task<IResult> AnswerAsync(HttpContext http, string prefix, Func<string, Dictionary<string, string>, JsonObject> answer)
    {
        var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var authorization = http.Request.Headers.Authorization.ToString();
        var key = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
        var idempotency = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        Calls.Enqueue(new FakeStripeCall(http.Request.Path, key, form, idempotency));
        if (key is null || !(key.StartsWith("sk_", StringComparison.Ordinal) || key.StartsWith("rk_", StringComparison.Ordinal)))
        {
            return Error(401, "invalid_request_error", "Invalid API Key provided.");
        }

        if (FailNextWith is { } failure)
        {
            FailNextWith = null;
            return Error(402, "card_error", failure);
        }

        if (idempotency is not null && answers.TryGetValue($"{key}|{idempotency}", out var replay))
        {
            return Results.Content(replay, "application/json");
        }

        var id = prefix + Interlocked.Increment(ref sequence).ToString("D6", CultureInfo.InvariantCulture);
        var json = answer(id, form).ToJsonString();
        if (idempotency is not null)
        {
            answers[$"{key}|{idempotency}"] = json;
        }

        return Results.Content(json, "application/json");
    }

    private static IResult Error(int status, string type, string message) =>
        Results.Content(new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }.ToJsonString(), "application/json", Encoding.UTF8, status);

    private static JsonObject Metadata(Dictionary<string, string> form, string name)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in form.Where(f => f.Key.StartsWith(name + "[", StringComparison.Ordinal)))
        {
            metadata[key[(name.Length + 1)..^1]] = value;
        }

        return metadata;
    }

    /// <summary>The <c>Stripe-Signature</c> header Stripe sends: <c>t={unix time},v1={HMAC-SHA256 of "{t}.{payload}" with the secret, hex}</c>.</summary>
    public static string Sign(string payload, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>An event as Stripe posts it to a webhook, around <paramref name="data"/> (the object it is about).</summary>
    public static string Event(string id, string type, JsonObject data) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = "2025-01-27.acacia",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = data },
    }.ToJsonString();

    /// <summary>A Checkout session as a <c>checkout.session.*</c> event carries it.</summary>
    public static JsonObject Session(string id, string paymentStatus, string? paymentIntent, long amountTotal) => new()
    {
        ["id"] = id,
        ["object"] = "checkout.session",
        ["mode"] = "payment",
        ["status"] = paymentStatus == "paid" ? "complete" : "open",
        ["payment_status"] = paymentStatus,
        ["payment_intent"] = paymentIntent,
        ["amount_total"] = amountTotal,
        ["currency"] = "eur",
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
