using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Operators.Contracts.Billing;

namespace Operators.Billing.Tests;

/// <summary>Each space's Stripe keys, payment pages for invoices, and Stripe's webhook, against the local fake Stripe.</summary>
public sealed partial class BillingApiTests
{
    private const string SecretKey = "sk_test_51Operators0000SecretKey";
    private const string WebhookSecret = "whsec_OperatorsTestSigningSecret0001";

    private async Task<HttpClient> OnlineTreasurerAsync(Guid space)
    {
        var treasurer = Treasurer(space);
        var settings = SellerSettings();
        settings["stripe"] = new JsonObject { ["publishableKey"] = "pk_test_51Operators0000Public", ["secretKey"] = SecretKey, ["webhookSecret"] = WebhookSecret };
        await PostOrPutAsync(treasurer, settings);
        return treasurer;
    }

    private async Task<HttpResponseMessage> WebhookAsync(Guid space, string payload, string signature)
    {
        using var stripeCaller = host.Client(space, null);
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        content.Headers.Add("Stripe-Signature", signature);
        return await stripeCaller.PostAsync(new Uri("/api/billing/stripe/webhook", UriKind.Relative), content);
    }

    [Test]
    public async Task Stripe_keys_are_write_only_checked_kept_by_a_put_that_leaves_them_out_and_removed_by_an_empty_one()
    {
        var space = await SpaceAsync("stripe-keys");
        using var treasurer = await OnlineTreasurerAsync(space);
        var read = await GetJsonAsync(treasurer, "/api/billing/settings");
        var body = read.ToJsonString();
        var settings = SellerSettings();
        settings["version"] = read["version"]!.GetValue<int>();
        await PostOrPutAsync(treasurer, settings);
        var kept = await GetJsonAsync(treasurer, "/api/billing/settings");
        var bad = SellerSettings();
        bad["stripe"] = new JsonObject { ["publishableKey"] = "pk_live_51Operators0000Public", ["secretKey"] = "sk_test_51Operators0000SecretKey", ["webhookSecret"] = "hello" };
        using var refused = await treasurer.PutAsJsonAsync("/api/billing/settings", bad);
        var errors = await ErrorsAsync(refused);
        var cleared = SellerSettings();
        cleared["stripe"] = new JsonObject { ["secretKey"] = "", ["webhookSecret"] = "" };
        await PostOrPutAsync(treasurer, cleared);
        var after = await GetJsonAsync(treasurer, "/api/billing/settings");

        Assert.Multiple(() =>
        {
            Assert.That(read["stripe"]!["publishableKey"]!.GetValue<string>(), Is.EqualTo("pk_test_51Operators0000Public"));
            Assert.That((read["stripe"]!["secretKeySet"]!.GetValue<bool>(), read["stripe"]!["webhookSecretSet"]!.GetValue<bool>()), Is.EqualTo((true, true)));
            Assert.That(body, Does.Not.Contain(SecretKey).And.Not.Contain(WebhookSecret), "secrets are never read back");
            Assert.That(kept["stripe"]!["secretKeySet"]!.GetValue<bool>(), Is.True, "a PUT without stripe keeps the keys");
            Assert.That(errors.Select(e => e.Key), Is.SupersetOf(new[] { "stripe.webhookSecret", "stripe.secretKey" }));
            Assert.That((after["stripe"]!["secretKeySet"]!.GetValue<bool>(), after["stripe"]!["webhookSecretSet"]!.GetValue<bool>()), Is.EqualTo((false, false)));
        });
    }

    [Test]
    public async Task A_member_pays_an_invoice_on_stripe_once_however_often_and_in_whatever_order_stripe_calls()
    {
        var space = await SpaceAsync("stripe-pay");
        using var treasurer = await OnlineTreasurerAsync(space);
        var lea = await MemberCustomerAsync(space, "Léa Roux", Address("Léa Roux"));
        var invoice = await IssuedAsync(treasurer, lea, Line("Abonnement Nomade", 1m, 100m));
        var id = invoice["id"]!.GetValue<string>();
        using var member = As(space, lea);
        using var stranger = As(space, Guid.NewGuid());

        var page = await PostAsync(member, $"/api/billing/invoices/{id}/checkout", null, HttpStatusCode.OK);
        var again = await PostAsync(member, $"/api/billing/invoices/{id}/checkout", null, HttpStatusCode.OK);
        using var notTheirs = await stranger.PostAsync(new Uri($"/api/billing/invoices/{id}/checkout", UriKind.Relative), null);
        var call = stripe.CallsTo("/v1/checkout/sessions").Single(c => c.Form.GetValueOrDefault("client_reference_id") == id);
        var session = page["url"]!.GetValue<string>().Split('/')[^1];

        var paid = FakeStripe.Event($"evt_paid_{session}", "checkout.session.completed", FakeStripe.Session(session, "paid", $"pi_{session}", 12000));
        using (var first = await WebhookAsync(space, paid, FakeStripe.Sign(paid, WebhookSecret, DateTimeOffset.UtcNow)))
        {
            await OperatorsClient.ExpectAsync(first, HttpStatusCode.OK);
        }

        // The same event again (Stripe retries), then a failure reported after the success.
        using var duplicate = await WebhookAsync(space, paid, FakeStripe.Sign(paid, WebhookSecret, DateTimeOffset.UtcNow));
        var failed = FakeStripe.Event($"evt_failed_{session}", "payment_intent.payment_failed", new JsonObject
        {
            ["id"] = $"pi_{session}", ["object"] = "payment_intent", ["status"] = "requires_payment_method",
            ["metadata"] = new JsonObject { ["subject"] = "invoice", ["subjectId"] = id },
        });
        using var late = await WebhookAsync(space, failed, FakeStripe.Sign(failed, WebhookSecret, DateTimeOffset.UtcNow));
        var after = await GetJsonAsync(treasurer, $"/api/billing/invoices/{id}");
        using var nothingDue = await member.PostAsync(new Uri($"/api/billing/invoices/{id}/checkout", UriKind.Relative), null);
        await PublishedAsync<PaymentReceived>(p => p.SubjectId.ToString() == id, 1, "the payment");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Multiple(async () =>
        {
            Assert.That(page["url"]!.GetValue<string>(), Does.StartWith(stripe.BaseAddress.ToString()));
            Assert.That(again["url"]!.GetValue<string>(), Is.EqualTo(page["url"]!.GetValue<string>()), "an open page is given again");
            Assert.That(notTheirs.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(call.Key, Is.EqualTo(SecretKey), "the space's own key, decrypted");
            Assert.That(call.Form["line_items[0][price_data][unit_amount]"], Is.EqualTo("12000"));
            Assert.That(call.Form["metadata[subject]"], Is.EqualTo("invoice"));
            Assert.That(call.IdempotencyKey, Is.Not.Null);
            Assert.That((await duplicate.Content.ReadFromJsonAsync<JsonObject>())!["outcome"]!.GetValue<string>(), Is.EqualTo("duplicate"));
            Assert.That((await late.Content.ReadFromJsonAsync<JsonObject>())!["outcome"]!.GetValue<string>(), Is.EqualTo("attempt-failed"), "a declined card changes nothing");
            Assert.That(after["status"]!.GetValue<string>(), Is.EqualTo("paid"));
            Assert.That(after["payments"]!.AsArray().Single()!["method"]!.GetValue<string>(), Is.EqualTo("card"));
            Assert.That(after["payments"]!.AsArray().Single()!["reference"]!.GetValue<string>(), Is.EqualTo($"pi_{session}"));
            Assert.That(nothingDue.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(Published<PaymentReceived>(p => p.SubjectId.ToString() == id), Has.Count.EqualTo(1));
            Assert.That(Published<PaymentFailed>(p => p.SubjectId.ToString() == id), Is.Empty);
        });
    }

    [Test]
    public async Task The_webhook_refuses_forged_stale_and_unsigned_events_and_an_expired_page_announces_the_failure_once()
    {
        var space = await SpaceAsync("stripe-hook");
        using var treasurer = await OnlineTreasurerAsync(space);
        var lea = await MemberCustomerAsync(space, "Léa Roux", Address("Léa Roux"));
        var invoice = await IssuedAsync(treasurer, lea, Line("Salle", 2m, 30m));
        var id = invoice["id"]!.GetValue<string>();
        var page = await PostAsync(treasurer, $"/api/billing/invoices/{id}/checkout", null, HttpStatusCode.OK);
        var session = page["url"]!.GetValue<string>().Split('/')[^1];
        var paid = FakeStripe.Event($"evt_forged_{session}", "checkout.session.completed", FakeStripe.Session(session, "paid", "pi_forged", 7200));

        using var forged = await WebhookAsync(space, paid, FakeStripe.Sign(paid, "whsec_SomeoneElsesSecret00000", DateTimeOffset.UtcNow));
        using var stale = await WebhookAsync(space, paid, FakeStripe.Sign(paid, WebhookSecret, DateTimeOffset.UtcNow.AddSeconds(-301)));
        using var unsigned = await WebhookAsync(space, paid, "");
        var signed = FakeStripe.Sign(paid, WebhookSecret, DateTimeOffset.UtcNow);
        using var altered = await WebhookAsync(space, paid.Replace("7200", "1", StringComparison.Ordinal), signed);
        var untouched = await GetJsonAsync(treasurer, $"/api/billing/invoices/{id}");

        var expired = FakeStripe.Event($"evt_expired_{session}", "checkout.session.expired", FakeStripe.Session(session, "unpaid", null, 7200));
        using (var first = await WebhookAsync(space, expired, FakeStripe.Sign(expired, WebhookSecret, DateTimeOffset.UtcNow)))
        {
            await OperatorsClient.ExpectAsync(first, HttpStatusCode.OK);
        }

        // Replayed within the tolerance, the same event is recognised by its id and does nothing more.
        using var replayed = await WebhookAsync(space, expired, FakeStripe.Sign(expired, WebhookSecret, DateTimeOffset.UtcNow));
        await PublishedAsync<PaymentFailed>(p => p.SubjectId.ToString() == id, 1, "the failure");
        var offline = await SpaceAsync("stripe-none");
        using var noStripe = await WebhookAsync(offline, expired, FakeStripe.Sign(expired, WebhookSecret, DateTimeOffset.UtcNow));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Multiple(async () =>
        {
            foreach (var refused in new[] { forged, stale, unsigned, altered })
            {
                var problem = await OperatorsClient.ProblemAsync(refused, HttpStatusCode.BadRequest);
                Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Stripe-Signature"));
            }

            Assert.That(untouched["status"]!.GetValue<string>(), Is.EqualTo("issued"));
            Assert.That((await replayed.Content.ReadFromJsonAsync<JsonObject>())!["outcome"]!.GetValue<string>(), Is.EqualTo("duplicate"));
            Assert.That(Published<PaymentFailed>(p => p.SubjectId.ToString() == id), Has.Count.EqualTo(1));
            Assert.That(noStripe.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Without_stripe_keys_an_invoice_is_paid_by_transfer_and_the_payment_page_is_refused_saying_so()
    {
        var space = await SpaceAsync("stripe-off");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var lea = await MemberCustomerAsync(space, "Léa Roux", Address("Léa Roux"));
        var invoice = await IssuedAsync(treasurer, lea, Line("Salle", 1m, 30m));
        using var member = As(space, lea);
        using var refused = await member.PostAsync(new Uri($"/api/billing/invoices/{invoice["id"]}/checkout", UriKind.Relative), null);
        var problem = await OperatorsClient.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("bank transfer"));
    }
}

public sealed partial class BillingApiTests
{
    private static Contracts.Booking.DayPassRequested PassRequested(Guid pass, DateOnly day, string guest = "Chloé Petit") =>
        new(pass, Guid.NewGuid(), day, new Contracts.Booking.Guest(guest, "chloe@example.test"), Eur(25m), 20m, DateTimeOffset.UtcNow.AddMinutes(15),
            $"https://espace.example/s/x/day-pass/{pass}?key=k");

    [Test]
    public async Task A_guest_pays_a_day_pass_on_stripe_gets_an_invoice_paid_by_card_and_a_payment_too_late_is_credited_and_refunded_once()
    {
        var space = await SpaceAsync("stripe-pass");
        using var treasurer = await OnlineTreasurerAsync(space);
        var pass = Guid.NewGuid();
        var request = PassRequested(pass, Today);
        var messageId = Guid.NewGuid();
        await host.PublishAsync(space, request, messageId);
        await host.PublishAsync(space, request, messageId);
        var opened = (await PublishedAsync<DayPassCheckoutOpened>(o => o.DayPassId == pass, 1, "the payment page")).Single();
        // Two deliveries at once may both ask Stripe: with one idempotency key, they get one page.
        var calls = stripe.CallsTo("/v1/checkout/sessions").Where(c => c.Form.GetValueOrDefault("client_reference_id") == pass.ToString()).ToList();
        var call = calls[0];
        var session = opened.CheckoutUrl!.Split('/')[^1];

        var paid = FakeStripe.Event($"evt_pass_{session}", "checkout.session.completed", FakeStripe.Session(session, "paid", $"pi_{session}", 3000));
        using (var hook = await WebhookAsync(space, paid, FakeStripe.Sign(paid, WebhookSecret, DateTimeOffset.UtcNow)))
        {
            await OperatorsClient.ExpectAsync(hook, HttpStatusCode.OK);
        }

        var received = (await PublishedAsync<PaymentReceived>(p => p.Subject == PaymentSubjects.DayPass && p.SubjectId == pass, 1, "the pass's payment")).Single();
        var invoices = await GetArrayAsync(treasurer, "/api/billing/invoices?status=paid");
        var invoice = await GetJsonAsync(treasurer, $"/api/billing/invoices/{invoices.Single()!["id"]}");

        // Booking found the hold over: the money goes back, once however often it says so.
        var refused = new Contracts.Booking.DayPassPaymentRefused(pass, received.PaymentId, "The seat's hold had ended before the payment arrived.");
        var refusalId = Guid.NewGuid();
        await host.PublishAsync(space, refused, refusalId);
        await host.PublishAsync(space, refused, refusalId);
        await host.PublishAsync(space, refused);
        var cancelled = await Eventually.MatchAsync(
            () => GetJsonAsync(treasurer, $"/api/billing/invoices/{invoice["id"]}"),
            i => i["status"]!.GetValue<string>() == "cancelled" && i["payments"]!.AsArray().Count == 2, TimeSpan.FromSeconds(60), "the credit note and the refund");
        await Task.Delay(TimeSpan.FromSeconds(4));
        var refunds = stripe.CallsTo("/v1/refunds").Where(c => c.Form.GetValueOrDefault("payment_intent") == $"pi_{session}").ToList();
        var after = await GetJsonAsync(treasurer, $"/api/billing/invoices/{invoice["id"]}");

        Assert.Multiple(() =>
        {
            Assert.That(opened.ExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(29)), "Stripe keeps a page open 30 minutes at least");
            Assert.That(Published<DayPassCheckoutOpened>(o => o.DayPassId == pass), Has.Count.EqualTo(1));
            Assert.That(calls.Select(c => c.IdempotencyKey).Distinct().Count(), Is.EqualTo(1));
            Assert.That(call.Form["line_items[0][price_data][unit_amount]"], Is.EqualTo("3000"), "25 € + 20 % VAT");
            Assert.That(call.Form["customer_email"], Is.EqualTo("chloe@example.test"));
            Assert.That(call.Form["success_url"], Does.StartWith($"https://espace.example/s/x/day-pass/{pass}?key=k"));
            Assert.That(invoice["customer"]!["name"]!.GetValue<string>(), Is.EqualTo("Chloé Petit"));
            Assert.That(Amount(invoice["totals"]!["gross"]), Is.EqualTo(30m));
            Assert.That(invoice["payments"]!.AsArray().Single()!["reference"]!.GetValue<string>(), Is.EqualTo($"pi_{session}"));
            Assert.That(refunds, Has.Count.EqualTo(1), "one refund, however often the refusal came");
            Assert.That(refunds.Single().Form["amount"], Is.EqualTo("3000"));
            Assert.That(refunds.Single().IdempotencyKey, Is.Not.Null);
            Assert.That(cancelled["creditedBy"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(after["payments"]!.AsArray().Select(p => Amount(p!["amount"])), Is.EqualTo(new[] { 30m, -30m }));
            Assert.That(Amount(after["amountDue"]), Is.Zero);
        });
    }

    [Test]
    public async Task Without_stripe_keys_a_day_pass_is_paid_at_the_desk_and_a_credit_note_on_a_card_paid_invoice_refunds_what_is_owed_back()
    {
        var offline = await SpaceAsync("pass-desk");
        var pass = Guid.NewGuid();
        await host.PublishAsync(offline, PassRequested(pass, Today));
        var answer = (await PublishedAsync<DayPassCheckoutOpened>(o => o.DayPassId == pass, 1, "the answer")).Single();

        var space = await SpaceAsync("stripe-credit");
        using var treasurer = await OnlineTreasurerAsync(space);
        var lea = await MemberCustomerAsync(space, "Léa Roux", Address("Léa Roux"));
        var invoice = await IssuedAsync(treasurer, lea, Line("Abonnement", 1m, 100m), Line("Salle", 1m, 50m));
        var id = invoice["id"]!.GetValue<string>();
        var page = await PostAsync(treasurer, $"/api/billing/invoices/{id}/checkout", null, HttpStatusCode.OK);
        var session = page["url"]!.GetValue<string>().Split('/')[^1];
        var paid = FakeStripe.Event($"evt_credit_{session}", "checkout.session.completed", FakeStripe.Session(session, "paid", $"pi_{session}", 18000));
        using (var hook = await WebhookAsync(space, paid, FakeStripe.Sign(paid, WebhookSecret, DateTimeOffset.UtcNow)))
        {
            await OperatorsClient.ExpectAsync(hook, HttpStatusCode.OK);
        }

        // The room is credited: 60 € incl. VAT go back to the card.
        await PostAsync(treasurer, $"/api/billing/invoices/{id}/credit-notes", new JsonObject { ["lines"] = new JsonArray(Line("Salle", 1m, 50m)), ["reason"] = "Salle indisponible" }, HttpStatusCode.Created);
        var refunded = await Eventually.MatchAsync(
            () => GetJsonAsync(treasurer, $"/api/billing/invoices/{id}"), i => i["payments"]!.AsArray().Count == 2, TimeSpan.FromSeconds(60), "the refund");

        Assert.Multiple(() =>
        {
            Assert.That(answer.CheckoutUrl, Is.Null, "no keys: paid at the desk");
            Assert.That(stripe.CallsTo("/v1/checkout/sessions").Any(c => c.Form.GetValueOrDefault("client_reference_id") == pass.ToString()), Is.False);
            Assert.That(stripe.CallsTo("/v1/refunds").Single(c => c.Form.GetValueOrDefault("payment_intent") == $"pi_{session}").Form["amount"], Is.EqualTo("6000"));
            Assert.That(refunded["payments"]!.AsArray().Select(p => Amount(p!["amount"])), Is.EqualTo(new[] { 180m, -60m }));
            Assert.That(refunded["status"]!.GetValue<string>(), Is.EqualTo("paid"));
            Assert.That(Amount(refunded["amountDue"]), Is.Zero);
        });
    }
}
