using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ical.Net.CalendarComponents;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Contracts.Booking;
using Operators.Contracts.Membership;
using Operators.ServiceDefaults.Security;

using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>Allowances, roles, day passes, presence, events and calendar feeds — fed by published events, on both providers.</summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class MemberJourneyTests(string provider)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ServiceHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await ServiceHost.StartAsync("Booking", provider, observe: BookingApi.ObserveEvents);

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    private Task<Guid> SpaceAsync(string slug) => host.ProvisionSpaceAsync($"{slug}-{provider.ToLowerInvariant()}");

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonObject> AllowancesAsync(HttpClient member, DateOnly date) =>
        (await member.GetFromJsonAsync<JsonObject>($"/api/booking/allowances/me?date={Day(date)}"))!;

    [Test]
    public async Task The_allowance_is_debited_then_charged_beyond_refunded_on_free_cancellation_and_expires_with_the_period_or_the_membership()
    {
        var space = await SpaceAsync("allowance");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 10, pricePerDay: 15m);
        var room = await BookingApi.CreateRoomAsync(op, pricePerHour: 10m);
        var memberId = Guid.NewGuid();
        using var member = host.Client(space, memberId, SpaceRoles.Member);
        var d1 = BookingApi.Weekday(2);
        var d2 = BookingApi.WeekdayAfter(d1);
        var d3 = BookingApi.WeekdayAfter(d2);
        var periodStart = d1.AddDays(-1);
        var periodEnd = d3.AddDays(1); // exclusive

        var subscription = Guid.NewGuid();
        var activated = new MembershipActivated(subscription, memberId, "Nomade", periodStart, periodEnd, new Contracts.Membership.Allowances(2, 1.5m));
        var messageId = Guid.NewGuid();
        await host.PublishAsync(space, activated, messageId);
        await host.PublishAsync(space, activated, messageId); // redelivered
        await host.PublishAsync(space, activated); // announced twice
        await Eventually.MatchAsync(() => AllowancesAsync(member, d1), a => a["deskDays"]!["granted"]!.GetValue<decimal>() > 0, Patience, "the allowance");
        await Task.Delay(1000);
        var granted = await AllowancesAsync(member, d1);

        var first = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, d1), HttpStatusCode.Created);
        var second = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, d2), HttpStatusCode.Created);
        var third = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, d3), HttpStatusCode.Created);
        var meeting = await BookingApi.JsonAsync(await BookingApi.BookSlotAsync(member, room, BookingApi.Paris(d1, 9), BookingApi.Paris(d1, 11)), HttpStatusCode.Created);
        var afterPeriod = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, BookingApi.WeekdayAfter(d3)), HttpStatusCode.Created);
        var spent = await AllowancesAsync(member, d1);

        // Free cancellation (the default policy: 24 hours ahead; d2 is at least three days away) gives the day back.
        var cancelled = await BookingApi.JsonAsync(await member.DeleteAsync(new Uri($"/api/booking/bookings/{second["id"]}", UriKind.Relative)), HttpStatusCode.OK);
        var refunded = await AllowancesAsync(member, d1);

        // The membership ends on d2: from then on nothing is covered, even with a day left.
        await host.PublishAsync(space, new MembershipEnded(subscription, memberId, d2));
        await Eventually.MatchAsync(() => AllowancesAsync(member, d2), a => a["periodStart"] is null, Patience, "the membership to end");
        var afterEnd = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, d2), HttpStatusCode.Created);

        Assert.Multiple(() =>
        {
            Assert.That(granted["deskDays"]!["granted"]!.GetValue<decimal>(), Is.EqualTo(2), "redeliveries and repeats grant once");
            Assert.That(first["allowanceUsed"]!.GetValue<decimal>(), Is.EqualTo(1));
            Assert.That(first["allowanceKind"]!.GetValue<string>(), Is.EqualTo("desk-days"));
            Assert.That(first["charge"]!["amount"]!.GetValue<decimal>(), Is.Zero);
            Assert.That(second["allowanceUsed"]!.GetValue<decimal>(), Is.EqualTo(1));
            Assert.That(third["allowanceUsed"]!.GetValue<decimal>(), Is.Zero, "exhausted");
            Assert.That(third["charge"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(15m));
            Assert.That(meeting["allowanceUsed"]!.GetValue<decimal>(), Is.EqualTo(1.5m));
            Assert.That(meeting["charge"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(5m), "half an hour beyond the allowance");
            Assert.That(afterPeriod["allowanceUsed"]!.GetValue<decimal>(), Is.Zero, "expired at period end");
            Assert.That(spent["deskDays"]!["left"]!.GetValue<decimal>(), Is.Zero);
            Assert.That(cancelled["allowanceRefunded"]!.GetValue<bool>(), Is.True);
            Assert.That(refunded["deskDays"]!["left"]!.GetValue<decimal>(), Is.EqualTo(1));
            Assert.That(afterEnd["allowanceUsed"]!.GetValue<decimal>(), Is.Zero, "not usable after MembershipEnded");
            Assert.That(afterEnd["charge"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(15m));
        });

        var confirmed = await Eventually.MatchAsync(
            () => Task.FromResult(host.Published.Where(p => p.Message is BookingConfirmed c && c.BookingId.ToString() == first["id"]!.GetValue<string>()).ToList()),
            l => l.Count > 0, Patience, "BookingConfirmed");
        var message = (BookingConfirmed)confirmed[0].Message;
        Assert.Multiple(() =>
        {
            Assert.That(confirmed[0].Tenant, Is.EqualTo(space.ToString()), "tenant-stamped");
            Assert.That(message.AllowanceUsed, Is.EqualTo(1));
            Assert.That(message.Charge, Is.EqualTo(new Money(0m, "EUR")));
        });
    }

    [Test]
    public async Task Members_see_and_cancel_only_their_own_bookings_operators_any_and_other_spaces_see_nothing()
    {
        var space = await SpaceAsync("roles");
        var other = await SpaceAsync("roles-other");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 10);
        using var alice = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        using var bob = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        using var outsider = host.Client(other, Guid.NewGuid(), SpaceRoles.Owner);
        using var anonymous = host.Client(space, null);
        var booking = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(alice, pool, BookingApi.Weekday(3)), HttpStatusCode.Created);
        var path = $"/api/booking/bookings/{booking["id"]}";

        await OperatorsClient.ProblemAsync(await bob.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await bob.DeleteAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await outsider.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await outsider.DeleteAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await outsider.GetAsync(new Uri($"/api/booking/resources/{pool}", UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(outsider, pool, BookingApi.Weekday(3)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(bob, pool, BookingApi.Weekday(3), memberId: Guid.NewGuid()), HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(await BookingApi.BookDayAsync(anonymous, pool, BookingApi.Weekday(3)), HttpStatusCode.Unauthorized);
        await OperatorsClient.ProblemAsync(await BookingApi.CreatePoolRequestAsync(alice), HttpStatusCode.Forbidden);
        var bobsList = await bob.GetFromJsonAsync<JsonArray>("/api/booking/bookings");
        var operatorList = await op.GetFromJsonAsync<JsonArray>("/api/booking/bookings");
        var seen = await BookingApi.JsonAsync(await op.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.OK);
        var cancelled = await BookingApi.JsonAsync(await op.DeleteAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(bobsList, Is.Empty);
            Assert.That(operatorList!.Select(b => b!["id"]!.GetValue<string>()), Does.Contain(booking["id"]!.GetValue<string>()));
            Assert.That(seen["memberId"]!.GetValue<string>(), Is.EqualTo(booking["memberId"]!.GetValue<string>()));
            Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        });
    }

    [Test]
    public async Task An_online_day_pass_holds_a_seat_until_paid_and_a_failed_payment_releases_it()
    {
        var space = await SpaceAsync("daypass");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 1, pricePerDay: 12m);
        using var guest = host.Client(space, null);
        var date = BookingApi.Weekday(2);

        var held = await BookingApi.JsonAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date = Day(date), guest = new { name = "Léa", email = "lea@example.org" } }), HttpStatusCode.Created);
        var full = await OperatorsClient.ProblemAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date = Day(date), guest = new { name = "Tom", email = "tom@example.org" } }), HttpStatusCode.Conflict);
        await host.PublishAsync(space, new PaymentReceived(Guid.NewGuid(), PaymentSubjects.DayPass, Guid.Parse(held["id"]!.GetValue<string>()), new Money(12m, "EUR"), DateTimeOffset.UtcNow));
        var paid = await Eventually.MatchAsync(() => op.GetFromJsonAsync<JsonObject>($"/api/booking/day-passes/{held["id"]}")!, p => p!["status"]!.GetValue<string>() == "confirmed", Patience, "the payment to confirm the pass");

        var next = BookingApi.WeekdayAfter(date);
        var second = await BookingApi.JsonAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date = Day(next), guest = new { name = "Tom", email = "tom@example.org" } }), HttpStatusCode.Created);
        await host.PublishAsync(space, new PaymentFailed(Guid.NewGuid(), PaymentSubjects.DayPass, Guid.Parse(second["id"]!.GetValue<string>()), "card declined"));
        await Eventually.MatchAsync(() => op.GetFromJsonAsync<JsonObject>($"/api/booking/day-passes/{second["id"]}")!, p => p!["status"]!.GetValue<string>() == "released", Patience, "the failure to release the pass");
        var afterRelease = await BookingApi.JsonAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date = Day(next), guest = new { name = "Ana", email = "ana@example.org" } }), HttpStatusCode.Created);

        var sold = await BookingApi.JsonAsync(await op.PostAsJsonAsync("/api/booking/day-passes", new { date = Day(next.AddDays(7)), guest = new { name = "Jo", email = "jo@example.org" }, paidWith = "cheque" }), HttpStatusCode.Created);
        var soldEvent = await Eventually.MatchAsync(
            () => Task.FromResult(host.Published.Select(p => p.Message).OfType<DayPassSold>().Where(s => s.DayPassId.ToString() == sold["id"]!.GetValue<string>()).ToList()),
            l => l.Count > 0, Patience, "DayPassSold");
        var requested = host.Published.Select(p => p.Message).OfType<DayPassRequested>().Where(r => r.DayPassId.ToString() == held["id"]!.GetValue<string>()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(held["status"]!.GetValue<string>(), Is.EqualTo("held"));
            Assert.That(full["detail"]!.GetValue<string>(), Does.Contain("full"));
            Assert.That(paid!["status"]!.GetValue<string>(), Is.EqualTo("confirmed"));
            Assert.That(afterRelease["status"]!.GetValue<string>(), Is.EqualTo("held"));
            Assert.That(sold["status"]!.GetValue<string>(), Is.EqualTo("confirmed"));
            Assert.That(soldEvent[0].PaidWith, Is.EqualTo("cheque"));
            Assert.That(soldEvent[0].Price, Is.EqualTo(new Money(12m, "EUR")));
            Assert.That(requested, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_guest_s_link_shows_the_payment_page_billing_opens_a_space_without_one_holds_the_seat_for_the_desk_and_a_late_payment_is_refused()
    {
        var space = await SpaceAsync("daypass-online");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        await BookingApi.CreatePoolAsync(op, 3, pricePerDay: 12m);
        using var guest = host.Client(space, null);
        var date = BookingApi.Weekday(2);
        T Of<T>() where T : class => host.Published.Select(p => p.Message).OfType<T>().LastOrDefault()!;

        var online = await BookingApi.JsonAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date = Day(date), guest = new { name = "Léa", email = "lea@example.org" } }), HttpStatusCode.Created);
        var id = Guid.Parse(online["id"]!.GetValue<string>());
        var statusUrl = online["statusUrl"]!.GetValue<string>();
        using var noKey = await guest.GetAsync(new Uri($"/api/booking/day-passes/{id}", UriKind.Relative));
        using var wrongKey = await guest.GetAsync(new Uri($"/api/booking/day-passes/{id}?key=guess", UriKind.Relative));
        var until = DateTimeOffset.UtcNow.AddMinutes(31);
        await host.PublishAsync(space, new DayPassCheckoutOpened(id, "https://pay.example/cs_test_1", until));
        var page = await Eventually.MatchAsync(() => guest.GetFromJsonAsync<JsonObject>(statusUrl)!, p => p!["checkoutUrl"] is not null, Patience, "the payment page");

        var desk = await BookingApi.JsonAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date = Day(date), guest = new { name = "Tom", email = "tom@example.org" } }), HttpStatusCode.Created);
        var deskId = Guid.Parse(desk["id"]!.GetValue<string>());
        await host.PublishAsync(space, new DayPassCheckoutOpened(deskId, null, null));
        var waiting = await Eventually.MatchAsync(() => guest.GetFromJsonAsync<JsonObject>(desk["statusUrl"]!.GetValue<string>())!, p => p!["payAtDesk"]!.GetValue<bool>(), Patience, "pay at the desk");
        using var byGuest = await guest.PostAsJsonAsync($"/api/booking/day-passes/{deskId}/confirm", new { paidWith = "cash" });
        using var online2 = await op.PostAsJsonAsync($"/api/booking/day-passes/{deskId}/confirm", new { paidWith = "online" });
        var confirmed = await BookingApi.JsonAsync(await op.PostAsJsonAsync($"/api/booking/day-passes/{deskId}/confirm", new { paidWith = "cash" }), HttpStatusCode.OK);
        using var twice = await op.PostAsJsonAsync($"/api/booking/day-passes/{deskId}/confirm", new { paidWith = "cash" });
        var sold = await Eventually.MatchAsync(
            () => Task.FromResult(host.Published.Select(p => p.Message).OfType<DayPassSold>().Where(s => s.DayPassId == deskId).ToList()), l => l.Count > 0, Patience, "the desk sale");

        // Paid after its payment failed and released the seat: refused, for billing to give the money back.
        var late = await BookingApi.JsonAsync(await guest.PostAsJsonAsync("/api/booking/day-passes", new { date = Day(date), guest = new { name = "Ana", email = "ana@example.org" } }), HttpStatusCode.Created);
        var lateId = Guid.Parse(late["id"]!.GetValue<string>());
        await host.PublishAsync(space, new PaymentFailed(Guid.NewGuid(), PaymentSubjects.DayPass, lateId, "expired"));
        await Eventually.MatchAsync(() => op.GetFromJsonAsync<JsonObject>($"/api/booking/day-passes/{lateId}")!, p => p!["status"]!.GetValue<string>() == "released", Patience, "the release");
        var payment = Guid.NewGuid();
        await host.PublishAsync(space, new PaymentReceived(payment, PaymentSubjects.DayPass, lateId, new Money(14.4m, "EUR"), DateTimeOffset.UtcNow));
        var refused = await Eventually.MatchAsync(
            () => Task.FromResult(host.Published.Select(p => p.Message).OfType<DayPassPaymentRefused>().Where(r => r.DayPassId == lateId).ToList()), l => l.Count > 0, Patience, "the refusal");
        var stillReleased = await op.GetFromJsonAsync<JsonObject>($"/api/booking/day-passes/{lateId}");
        // The day's passes for the desk: guests by name, how each was paid; for operators only, and only for a day.
        var ofTheDay = await op.GetFromJsonAsync<JsonArray>($"/api/booking/day-passes?date={Day(date)}");
        using var listedByGuest = await guest.GetAsync(new Uri($"/api/booking/day-passes?date={Day(date)}", UriKind.Relative));
        using var noDay = await op.GetAsync(new Uri("/api/booking/day-passes", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(online["checkoutUrl"], Is.Null, "billing has not answered yet");
            Assert.That(statusUrl, Does.Contain($"/api/booking/day-passes/{id}?key="));
            Assert.That(noKey.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(wrongKey.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(page!["checkoutUrl"]!.GetValue<string>(), Is.EqualTo("https://pay.example/cs_test_1"));
            Assert.That(DateTimeOffset.Parse(page["holdExpiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(until.AddMinutes(15)).Within(TimeSpan.FromSeconds(1)), "the seat waits while the page is open, and a quarter of an hour for the news");
            var deskHold = DateTimeOffset.Parse(waiting!["holdExpiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(deskHold, Is.GreaterThan(DateTimeOffset.UtcNow.AddHours(1)).And.LessThanOrEqualTo(DateTimeOffset.UtcNow.AddHours(24).AddMinutes(1)), "held for the desk, a day at most");
            Assert.That(byGuest.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
            Assert.That((await OperatorsClient.ProblemAsync(online2, HttpStatusCode.BadRequest))["errors"]!["paidWith"], Is.Not.Null);
            Assert.That(confirmed["status"]!.GetValue<string>(), Is.EqualTo("confirmed"));
            Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(sold.Single().PaidWith, Is.EqualTo("cash"));
            Assert.That(refused.Single().PaymentId, Is.EqualTo(payment));
            Assert.That(stillReleased!["status"]!.GetValue<string>(), Is.EqualTo("released"));
            Assert.That(Of<DayPassRequested>().ReturnUrl, Does.Contain("/day-pass/"));
            Assert.That(ofTheDay!.Select(p => (p!["guest"]!["name"]!.GetValue<string>(), p["status"]!.GetValue<string>(), p["paidWith"]!.GetValue<string>())),
                Is.EqualTo(new[] { ("Léa", "held", "online"), ("Tom", "confirmed", "cash"), ("Ana", "released", "online") }));
            Assert.That(listedByGuest.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
            Assert.That((await OperatorsClient.ProblemAsync(noDay, HttpStatusCode.BadRequest))["errors"]!["date"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Presence_names_members_who_opted_in_and_counts_the_others_and_guests()
    {
        var space = await SpaceAsync("presence");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 10);
        var date = BookingApi.Weekday(2);
        var (camille, dominique, eve) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await host.PublishAsync(space, new MemberProfileChanged(camille, "Camille", DirectoryOptIn: true, PresenceOptIn: true));
        await host.PublishAsync(space, new MemberProfileChanged(dominique, "Dominique", DirectoryOptIn: false));
        foreach (var member in new[] { camille, dominique })
        {
            using var client = host.Client(space, member, SpaceRoles.Member);
            await BookingApi.JsonAsync(await BookingApi.BookDayAsync(client, pool, date), HttpStatusCode.Created);
        }

        await BookingApi.JsonAsync(await op.PostAsJsonAsync("/api/booking/day-passes", new { date = Day(date), guest = new { name = "Guest", email = "g@example.org" }, paidWith = "cash" }), HttpStatusCode.Created);
        using var eveClient = host.Client(space, eve, SpaceRoles.Member);
        var presence = await Eventually.MatchAsync(
            () => eveClient.GetFromJsonAsync<JsonObject>($"/api/booking/presence?date={Day(date)}")!,
            p => p!["members"]!.AsArray().Count == 1, Patience, "profiles to arrive");

        Assert.Multiple(() =>
        {
            Assert.That(presence!["members"]![0]!["displayName"]!.GetValue<string>(), Is.EqualTo("Camille"));
            Assert.That(presence["othersCount"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(presence["guestsCount"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(presence["total"]!.GetValue<int>(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task An_event_books_its_room_and_refuses_rsvps_beyond_its_capacity()
    {
        var space = await SpaceAsync("events");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var room = await BookingApi.CreateRoomAsync(op, capacity: 20);
        var date = BookingApi.Weekday(4);
        var created = await BookingApi.JsonAsync(await op.PostAsJsonAsync("/api/booking/events", new
        {
            title = "Apéro des voisins", description = "On partage ce qu'on a appris", start = BookingApi.Paris(date, 17), end = BookingApi.Paris(date, 18, 30), roomId = room, capacity = 2,
        }), HttpStatusCode.Created);
        await OperatorsClient.ProblemAsync(await BookingApi.BookSlotAsync(op, room, BookingApi.Paris(date, 17, 30), BookingApi.Paris(date, 18), Guid.NewGuid()), HttpStatusCode.Conflict);

        var members = Enumerable.Range(0, 3).Select(_ => host.Client(space, Guid.NewGuid(), SpaceRoles.Member)).ToList();
        var rsvp = $"/api/booking/events/{created["id"]}/rsvp";
        var first = await BookingApi.JsonAsync(await members[0].PostAsync(new Uri(rsvp, UriKind.Relative), null), HttpStatusCode.OK);
        await BookingApi.JsonAsync(await members[1].PostAsync(new Uri(rsvp, UriKind.Relative), null), HttpStatusCode.OK);
        var full = await OperatorsClient.ProblemAsync(await members[2].PostAsync(new Uri(rsvp, UriKind.Relative), null), HttpStatusCode.Conflict);
        await BookingApi.JsonAsync(await members[0].DeleteAsync(new Uri(rsvp, UriKind.Relative)), HttpStatusCode.OK);
        var freed = await BookingApi.JsonAsync(await members[2].PostAsync(new Uri(rsvp, UriKind.Relative), null), HttpStatusCode.OK);
        var listed = await members[2].GetFromJsonAsync<JsonArray>("/api/booking/events");
        members.ForEach(m => m.Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(created["roomBookingId"], Is.Not.Null);
            Assert.That(first["attendee"]!.GetValue<bool>(), Is.True);
            Assert.That(full["detail"]!.GetValue<string>(), Does.Contain("full"));
            Assert.That(freed["attending"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(listed!.Single()!["attendee"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task The_calendar_feed_is_valid_icalendar_with_stable_uids_cancellations_and_rsvps_and_rotation_revokes_it()
    {
        var space = await SpaceAsync("calendar");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 10);
        using var member = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        using var calendarApp = host.Client(space, null);
        var date = BookingApi.Weekday(3);
        var kept = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, date), HttpStatusCode.Created);
        var dropped = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, date.AddDays(7)), HttpStatusCode.Created);
        await BookingApi.JsonAsync(await member.DeleteAsync(new Uri($"/api/booking/bookings/{dropped["id"]}", UriKind.Relative)), HttpStatusCode.OK);
        var evt = await BookingApi.JsonAsync(await op.PostAsJsonAsync("/api/booking/events", new { title = "Atelier réparation", start = BookingApi.Paris(date, 14), end = BookingApi.Paris(date, 16), capacity = 10 }), HttpStatusCode.Created);
        await BookingApi.JsonAsync(await member.PostAsync(new Uri($"/api/booking/events/{evt["id"]}/rsvp", UriKind.Relative), null), HttpStatusCode.OK);

        var url = new Uri((await member.GetFromJsonAsync<JsonObject>("/api/booking/calendar"))!["url"]!.GetValue<string>());
        using var feed = await calendarApp.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        var text = await feed.Content.ReadAsStringAsync();
        var again = await calendarApp.GetStringAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        var parsed = Ical.Net.Calendar.Load(text)!;
        var events = parsed.Events.ToDictionary(e => e.Uid!);
        var rotated = new Uri((await BookingApi.JsonAsync(await member.PostAsync(new Uri("/api/booking/calendar/rotate", UriKind.Relative), null), HttpStatusCode.OK))["url"]!.GetValue<string>());
        using var revoked = await calendarApp.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        using var fresh = await calendarApp.GetAsync(new Uri(rotated.PathAndQuery, UriKind.Relative));

        var keptUid = events.Keys.Single(k => k.Contains(kept["id"]!.GetValue<string>(), StringComparison.Ordinal));
        var droppedUid = events.Keys.Single(k => k.Contains(dropped["id"]!.GetValue<string>(), StringComparison.Ordinal));
        var eventUid = events.Keys.Single(k => k.Contains(evt["id"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(feed.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/calendar"));
            Assert.That(url.AbsolutePath, Does.EndWith(".ics"));
            Assert.That(parsed.TimeZones.Select(z => z.TzId), Does.Contain("Europe/Paris"));
            Assert.That(text, Does.Contain("BEGIN:STANDARD").And.Contain("BEGIN:DAYLIGHT"));
            Assert.That(events[keptUid].Status, Is.EqualTo("CONFIRMED"));
            Assert.That(events[keptUid].DtStart!.TzId, Is.EqualTo("Europe/Paris"));
            Assert.That(events[droppedUid].Status, Is.EqualTo("CANCELLED"));
            Assert.That(events[eventUid].Summary, Is.EqualTo("Atelier réparation"));
            Assert.That(Ical.Net.Calendar.Load(again)!.Events.Select(e => e.Uid), Is.EquivalentTo(events.Keys), "UIDs are stable");
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
