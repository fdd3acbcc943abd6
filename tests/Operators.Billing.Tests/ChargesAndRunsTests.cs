using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Contracts.Booking;
using Operators.Contracts.Membership;

namespace Operators.Billing.Tests;

/// <summary>Charges from booking's and membership's events, and the invoice runs that bill them.</summary>
public sealed partial class BillingApiTests
{
    private static DateOnly Today => TestCalendar.Today(DateTimeOffset.UtcNow, TestCalendar.Paris);

    private static Money Eur(decimal amount) => new(amount, "EUR");

    /// <summary><paramref name="hour"/> o'clock on <paramref name="day"/> in Paris, as booking writes instants.</summary>
    private static DateTimeOffset At(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, TestCalendar.Paris.GetUtcOffset(local));
    }

    private static BookingConfirmed RoomBooked(Guid booking, Guid? member, decimal charge, DateOnly day, Guid? dayPass = null) =>
        new(booking, Guid.NewGuid(), "Salle Tilleul", member, At(day, 10), At(day, 12), 1, null, 0m, Eur(charge), 20m, dayPass, ByTheHour: true);

    private static MembershipCharge Charged(string kind, string description, decimal amount, DateOnly from, DateOnly to) =>
        new(Guid.NewGuid(), kind, description, Eur(amount), 20m, from, to);

    private async Task<JsonArray> ChargesAsync(Guid space, string status)
    {
        using var treasurer = Treasurer(space);
        return await GetArrayAsync(treasurer, $"/api/billing/charges?status={status}");
    }

    private Task<JsonArray> ChargesAsync(Guid space, string status, int count) =>
        Eventually.MatchAsync(() => ChargesAsync(space, status), a => a.Count == count, TimeSpan.FromSeconds(30), $"{count} {status} charges");

    private static async Task<JsonObject> RunAsync(HttpClient treasurer, string period)
    {
        var started = await PostAsync(treasurer, "/api/billing/runs", new JsonObject { ["period"] = period }, HttpStatusCode.Accepted);
        return await Eventually.MatchAsync(
            () => GetJsonAsync(treasurer, $"/api/billing/runs/{started["id"]}"), r => r["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(60), "the run");
    }

    private static string PeriodOf(DateOnly day) => $"{day:yyyy-MM}";

    [Test]
    public async Task Bookings_and_memberships_become_charges_once_each_for_the_member_or_their_company()
    {
        var space = await SpaceAsync("charges");
        var company = await CompanyCustomerAsync(space, "Acme");
        var lea = await MemberCustomerAsync(space, "Léa Roux", Address("Léa Roux"));
        var sam = await MemberCustomerAsync(space, "Sam Vidal", companyId: company);
        var today = Today;

        // Léa's room beyond her allowance: delivered twice, then announced again under another message id.
        var room = RoomBooked(Guid.NewGuid(), lea, 40m, today);
        var messageId = Guid.NewGuid();
        await host.PublishAsync(space, room, messageId);
        await host.PublishAsync(space, room, messageId);
        await host.PublishAsync(space, room);
        // A day pass's seat is billed as the pass, never as a booking; a booking without member has nobody to bill.
        await host.PublishAsync(space, RoomBooked(Guid.NewGuid(), lea, 25m, today, dayPass: Guid.NewGuid()));
        await host.PublishAsync(space, RoomBooked(Guid.NewGuid(), null, 25m, today));
        // Sam's seat is paid by Acme: the period and the setup fee, once however often the event comes.
        var activated = new MembershipActivated(Guid.NewGuid(), sam, "Résident", today, today.AddMonths(1), new Allowances(10, 4m), null, company,
            [Charged(MembershipChargeKinds.Period, "Abonnement Résident", 290m, today, today.AddMonths(1)), Charged(MembershipChargeKinds.SetupFee, "Frais d'inscription", 30m, today, today)]);
        await host.PublishAsync(space, activated);
        await host.PublishAsync(space, activated);
        // Sam books, then cancels late: the booking's charge is voided and the fee billed instead.
        var samRoom = RoomBooked(Guid.NewGuid(), sam, 50m, today);
        await host.PublishAsync(space, samRoom);
        await ChargesAsync(space, "unbilled", 4);
        await host.PublishAsync(space, new BookingCancelled(samRoom.BookingId, sam, Eur(25m), 20m, false, DateTimeOffset.UtcNow));
        // A cancellation that overtakes its confirmation: the late confirmation charges nothing.
        var crossed = Guid.NewGuid();
        await host.PublishAsync(space, new BookingCancelled(crossed, lea, Eur(0m), 20m, true, DateTimeOffset.UtcNow));
        await ChargesAsync(space, "voided", 2);
        await host.PublishAsync(space, RoomBooked(crossed, lea, 30m, today));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var unbilled = await ChargesAsync(space, "unbilled", 4);
        var voided = await ChargesAsync(space, "voided");
        using var member = As(space, lea);
        using var forbidden = await member.GetAsync(new Uri("/api/billing/charges", UriKind.Relative));
        using var treasurer = Treasurer(space);
        using var badStatus = await treasurer.GetAsync(new Uri("/api/billing/charges?status=late", UriKind.Relative));
        string Of(string source) => string.Join(",", unbilled.Where(c => c!["source"]!.GetValue<string>() == source).Select(c => $"{c!["customerId"]}:{Amount(c["amount"]).ToString("0.##", CultureInfo.InvariantCulture)}").Order());

        Assert.Multiple(() =>
        {
            Assert.That(Of("booking"), Is.EqualTo($"{lea}:40"));
            Assert.That(Of("membership"), Is.EqualTo($"{company}:290,{company}:30"));
            Assert.That(Of("cancellation-fee"), Is.EqualTo($"{company}:25"));
            var booked = unbilled.Single(c => c!["source"]!.GetValue<string>() == "booking")!;
            Assert.That(booked["description"]!.GetValue<string>(), Is.EqualTo($"Réservation Salle Tilleul, le {today:dd/MM/yyyy} de 10:00 à 12:00"));
            Assert.That(booked["memberId"]!.GetValue<string>(), Is.EqualTo(lea.ToString()));
            Assert.That(voided.Select(c => c!["sourceId"]!.GetValue<string>()).Order(), Is.EquivalentTo(new[] { samRoom.BookingId.ToString(), crossed.ToString() }));
            Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(badStatus.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task A_run_issues_one_invoice_per_customer_in_number_order_and_a_second_run_bills_nothing_twice()
    {
        var space = await SpaceAsync("run-issue");
        using var treasurer = Treasurer(space);
        var settings = SellerSettings();
        settings["autoIssue"] = true;
        await PostOrPutAsync(treasurer, settings);
        var company = await CompanyCustomerAsync(space, "Acme");
        var lea = await MemberCustomerAsync(space, "Léa Roux", Address("Léa Roux"));
        var sam = await MemberCustomerAsync(space, "Sam Vidal", companyId: company);
        var ghost = Guid.NewGuid();
        var today = Today;
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);

        await host.PublishAsync(space, new MembershipActivated(Guid.NewGuid(), lea, "Nomade", today, today.AddMonths(1), new Allowances(2, 0m), null, null,
            [Charged(MembershipChargeKinds.Period, "Abonnement Nomade", 100m, today, today.AddMonths(1))]));
        await host.PublishAsync(space, RoomBooked(Guid.NewGuid(), lea, 40m, today));
        await host.PublishAsync(space, new MembershipChanged(Guid.NewGuid(), sam, Guid.NewGuid(), "Résident", today, today, today.AddMonths(1), new Allowances(10, 4m), company,
            [Charged(MembershipChargeKinds.ProrationCharge, "Résident, jours restants", 290m, today, today.AddMonths(1)),
             Charged(MembershipChargeKinds.ProrationCredit, "Nomade, jours non utilisés", -63.33m, today, today.AddMonths(1))]));
        // Next month's period waits for next month's run; a member billing never heard of waits too.
        await host.PublishAsync(space, new MembershipRenewed(Guid.NewGuid(), lea, next, next.AddMonths(1), new Allowances(2, 0m), null, null, null,
            [Charged(MembershipChargeKinds.Period, "Abonnement Nomade", 100m, next, next.AddMonths(1))]));
        await host.PublishAsync(space, RoomBooked(Guid.NewGuid(), ghost, 20m, today));
        await ChargesAsync(space, "unbilled", 6);

        var run = await RunAsync(treasurer, PeriodOf(today));
        var issued = await PublishedAsync<InvoiceIssued>(i => run["invoices"]!.AsArray().Any(r => r!["id"]!.GetValue<string>() == i.InvoiceId.ToString()), 2, "the run's invoices");
        var again = await RunAsync(treasurer, PeriodOf(today));
        var left = await ChargesAsync(space, "unbilled");
        var invoices = run["invoices"]!.AsArray();
        var leaInvoice = await GetJsonAsync(treasurer, $"/api/billing/invoices/{invoices.Single(i => i!["customer"]!.GetValue<string>() == "Léa Roux")!["id"]}");
        var acmeInvoice = await GetJsonAsync(treasurer, $"/api/billing/invoices/{invoices.Single(i => i!["customer"]!.GetValue<string>() != "Léa Roux")!["id"]}");

        Assert.Multiple(() =>
        {
            Assert.That((run["total"]!.GetValue<int>(), run["done"]!.GetValue<int>(), run["failed"]!.GetValue<int>()), Is.EqualTo((3, 2, 1)));
            Assert.That(run["problems"]!.AsArray().Single()!["customerId"]!.GetValue<string>(), Is.EqualTo(ghost.ToString()));
            Assert.That(invoices.Select(i => i!["number"]!.GetValue<string>()).Order(), Is.EqualTo(new[] { $"F-{today.Year}-00001", $"F-{today.Year}-00002" }));
            Assert.That(invoices.Select(i => i!["status"]!.GetValue<string>()), Is.All.EqualTo("issued"));
            Assert.That(issued, Has.Count.EqualTo(2));
            Assert.That(Amount(leaInvoice["totals"]!["gross"]), Is.EqualTo(168m));
            Assert.That(leaInvoice["lines"]!.AsArray().Select(l => l!["description"]!.GetValue<string>()), Has.Some.StartsWith("Réservation Salle Tilleul"));
            Assert.That(leaInvoice["servicePeriod"]!["from"]!.GetValue<string>(), Is.EqualTo($"{today:yyyy-MM-dd}"));
            // 290 − 63.33 = 226.67 excl. VAT, 45.33 of VAT.
            Assert.That(Amount(acmeInvoice["totals"]!["gross"]), Is.EqualTo(272m));
            Assert.That(acmeInvoice["customer"]!["id"]!.GetValue<string>(), Is.EqualTo(company.ToString()));
            Assert.That((again["total"]!.GetValue<int>(), again["done"]!.GetValue<int>(), again["invoices"]!.AsArray().Count), Is.EqualTo((1, 0, 0)));
            Assert.That(Published<InvoiceIssued>(i => i.Number.StartsWith("F-", StringComparison.Ordinal) && (i.MemberId == lea || i.CompanyId == company)), Has.Count.EqualTo(2));
            Assert.That(left.Select(c => Amount(c!["amount"])).Order(), Is.EqualTo(new[] { 20m, 100m }));
        });
    }

    [Test]
    public async Task A_run_in_draft_mode_leaves_drafts_whose_deletion_gives_the_charges_back_and_runs_are_validated()
    {
        var space = await SpaceAsync("run-drafts");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var lea = await MemberCustomerAsync(space, "Léa Roux", Address("Léa Roux"));
        var today = Today;
        await host.PublishAsync(space, RoomBooked(Guid.NewGuid(), lea, 40m, today));
        await ChargesAsync(space, "unbilled", 1);

        var first = await RunAsync(treasurer, PeriodOf(today));
        var draft = first["invoices"]!.AsArray().Single()!;
        var billed = await ChargesAsync(space, "billed");
        using (var deleted = await treasurer.DeleteAsync(new Uri($"/api/billing/invoices/{draft["id"]}", UriKind.Relative)))
        {
            await OperatorsClient.ExpectAsync(deleted, HttpStatusCode.NoContent);
        }

        var released = await ChargesAsync(space, "unbilled", 1);
        var second = await RunAsync(treasurer, PeriodOf(today));
        using var future = await treasurer.PostAsJsonAsync("/api/billing/runs", new { period = PeriodOf(today.AddMonths(2)) });
        using var garbage = await treasurer.PostAsJsonAsync("/api/billing/runs", new { period = "2026-13" });
        using var member = As(space, lea);
        using var denied = await member.PostAsJsonAsync("/api/billing/runs", new { period = PeriodOf(today) });

        Assert.Multiple(async () =>
        {
            Assert.That(first["autoIssue"]!.GetValue<bool>(), Is.False);
            Assert.That((draft["status"]!.GetValue<string>(), draft["number"]), Is.EqualTo(("draft", (JsonNode?)null)));
            Assert.That(billed.Single()!["invoiceId"]!.GetValue<string>(), Is.EqualTo(draft["id"]!.GetValue<string>()));
            Assert.That(released.Single()!["invoiceId"], Is.Null);
            Assert.That(second["invoices"]!.AsArray().Single()!["status"]!.GetValue<string>(), Is.EqualTo("draft"));
            Assert.That((await ErrorsAsync(future)).ContainsKey("period"));
            Assert.That((await ErrorsAsync(garbage)).ContainsKey("period"));
            Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task A_day_pass_sold_at_the_desk_is_invoiced_paid_at_once_and_one_sold_before_the_settings_waits_for_the_run()
    {
        var space = await SpaceAsync("desk-pass");
        using var treasurer = Treasurer(space);
        var today = Today;
        var early = new DayPassSold(Guid.NewGuid(), Guid.NewGuid(), today, new Guest("Jean Bon", "jean@example.test"), null, Eur(20m), 20m, "cash");
        await host.PublishAsync(space, early);
        await ChargesAsync(space, "unbilled", 1);
        await ReadyToIssueAsync(space);

        var sold = new DayPassSold(Guid.NewGuid(), Guid.NewGuid(), today, new Guest("Chloé Petit", "chloe@example.test"), null, Eur(25m), 20m, "card");
        var id = Guid.NewGuid();
        await host.PublishAsync(space, sold, id);
        await host.PublishAsync(space, sold, id);
        await host.PublishAsync(space, sold);
        var paid = await Eventually.MatchAsync(() => GetArrayAsync(treasurer, "/api/billing/invoices?status=paid"), a => a.Count >= 1, TimeSpan.FromSeconds(30), "the pass's invoice");
        var run = await RunAsync(treasurer, PeriodOf(today));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var all = await GetArrayAsync(treasurer, "/api/billing/invoices?status=paid");
        var chloe = await GetJsonAsync(treasurer, $"/api/billing/invoices/{all.Single(i => Amount(i!["gross"]) == 30m)!["id"]}");

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(i => Amount(i!["gross"])).Order(), Is.EqualTo(new[] { 24m, 30m }));
            Assert.That(chloe["customer"]!["name"]!.GetValue<string>(), Is.EqualTo("Chloé Petit"));
            Assert.That(chloe["customer"]!["address"], Is.Null);
            Assert.That(chloe["lines"]!.AsArray().Single()!["unit"]!.GetValue<string>(), Is.EqualTo("DAY"));
            Assert.That(chloe["payments"]!.AsArray().Single()!["method"]!.GetValue<string>(), Is.EqualTo("card"));
            Assert.That(Amount(chloe["amountDue"]), Is.Zero);
            Assert.That((run["done"]!.GetValue<int>(), run["failed"]!.GetValue<int>()), Is.EqualTo((1, 0)));
            Assert.That(Published<PaymentReceived>(p => all.Any(i => i!["id"]!.GetValue<string>() == p.SubjectId.ToString())), Has.Count.EqualTo(2));
            Assert.That(paid, Is.Not.Empty);
        });
    }

    private static async Task PostOrPutAsync(HttpClient treasurer, JsonObject settings)
    {
        using var response = await treasurer.PutAsJsonAsync("/api/billing/settings", settings);
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
    }
}
