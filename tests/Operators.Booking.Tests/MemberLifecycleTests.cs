using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts.Membership;
using Operators.ServiceDefaults.Security;
using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>
/// A membership's life as booking follows it (plan change, pause, resumption), what booking exports about a person
/// and what it forgets when the person is erased — fed by published events, on both providers.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class MemberLifecycleTests(string provider)
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

    private static decimal Granted(JsonObject allowances) => allowances["deskDays"]!["granted"]!.GetValue<decimal>();

    private static Task<JsonObject> ExportAsync(HttpClient client, Guid person) =>
        client.GetFromJsonAsync<JsonObject>($"/api/booking/members/{person}/export")!;

    [Test]
    public async Task A_plan_change_replaces_the_grant_of_the_period_it_falls_in_keeping_what_was_used()
    {
        var space = await SpaceAsync("change");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 10);
        var memberId = Guid.NewGuid();
        using var member = host.Client(space, memberId, SpaceRoles.Member);
        var d1 = BookingApi.Weekday(2);
        var (start, end) = (d1.AddDays(-3), d1.AddDays(27));
        var subscription = Guid.NewGuid();
        await host.PublishAsync(space, new MembershipActivated(subscription, memberId, "Nomade", start, end, new Contracts.Membership.Allowances(2, 1m)));
        await Eventually.MatchAsync(() => AllowancesAsync(member, d1), a => Granted(a) == 2, Patience, "the first grant");
        await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, d1), HttpStatusCode.Created);

        // An upgrade today: the period gets the new plan's grant; the day used stays used. Delivered twice.
        var upgrade = new MembershipChanged(subscription, memberId, Guid.NewGuid(), "Résident", d1.AddDays(-1), start, end, new Contracts.Membership.Allowances(8, 4m), null, []);
        var messageId = Guid.NewGuid();
        await host.PublishAsync(space, upgrade, messageId);
        await host.PublishAsync(space, upgrade, messageId);
        var upgraded = await Eventually.MatchAsync(() => AllowancesAsync(member, d1), a => Granted(a) == 8, Patience, "the upgrade");

        // A downgrade at the period's end leaves this period alone: the renewal brings the smaller grant.
        await host.PublishAsync(space, new MembershipChanged(subscription, memberId, Guid.NewGuid(), "Nomade", end, start, end, new Contracts.Membership.Allowances(1, 0m), null, []));

        // A change for a period booking has not heard of yet opens it with the new grant.
        var second = Guid.NewGuid();
        await host.PublishAsync(space, new MembershipChanged(second, memberId, Guid.NewGuid(), "Bureau", d1, d1, d1.AddDays(30), new Contracts.Membership.Allowances(3, 2m), null, []));
        var export = await Eventually.MatchAsync(() => ExportAsync(op, memberId), e => e["allowancePeriods"]!.AsArray().Count == 2, Patience, "the second subscription's period");
        var after = await AllowancesAsync(member, d1);

        var periods = export["allowancePeriods"]!.AsArray().ToDictionary(p => p!["subscriptionId"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(upgraded["deskDays"]!["used"]!.GetValue<decimal>(), Is.EqualTo(1), "used stays used");
            Assert.That(upgraded["deskDays"]!["left"]!.GetValue<decimal>(), Is.EqualTo(7));
            Assert.That(upgraded["roomHours"]!["granted"]!.GetValue<decimal>(), Is.EqualTo(4));
            Assert.That(periods[subscription.ToString()]!["deskDays"]!["granted"]!.GetValue<decimal>(), Is.EqualTo(8), "a downgrade waits for the period's end");
            Assert.That(periods[second.ToString()]!["periodStart"]!.GetValue<string>(), Is.EqualTo(Day(d1)));
            Assert.That(periods[second.ToString()]!["deskDays"]!["granted"]!.GetValue<decimal>(), Is.EqualTo(3));
            Assert.That(after["periodStart"]!.GetValue<string>(), Is.EqualTo(Day(d1)), "the newest period covering the day is the one shown");
        });
    }

    [Test]
    public async Task Events_of_one_subscription_delivered_out_of_order_give_the_same_allowances()
    {
        // Each consumer has its own queue: a cancellation's end can overtake the renewal caught up just before it,
        // and a resumption can overtake the pause (one after the other here; see the README for two at the same instant).
        var space = await SpaceAsync("disorder");
        var memberId = Guid.NewGuid();
        using var member = host.Client(space, memberId, SpaceRoles.Member);
        var d1 = BookingApi.Weekday(2);
        var ended = Guid.NewGuid();
        await host.PublishAsync(space, new MembershipActivated(ended, memberId, "Nomade", d1.AddDays(-40), d1.AddDays(-10), new Contracts.Membership.Allowances(4, 0m)));
        // Booking answers 404 for a person it has not heard of yet: wait on the status first.
        await Eventually.MatchAsync(
            async () =>
            {
                using var response = await member.GetAsync(new Uri($"/api/booking/members/{memberId}/export", UriKind.Relative));
                return response.StatusCode;
            },
            s => s == HttpStatusCode.OK, Patience, "the activation");
        await host.PublishAsync(space, new MembershipEnded(ended, memberId, d1));
        var renewedWitness = await Eventually.MatchAsync(() => ExportAsync(member, memberId), e => e["allowancePeriods"]!.AsArray().Count == 1 && e["allowancePeriods"]![0]!["endedOn"] is not null, Patience, "the end");
        await host.PublishAsync(space, new MembershipRenewed(ended, memberId, d1.AddDays(-10), d1.AddDays(20), new Contracts.Membership.Allowances(4, 0m)));
        await Eventually.MatchAsync(() => ExportAsync(member, memberId), e => e["allowancePeriods"]!.AsArray().Count == 2, Patience, "the late renewal");
        var beforeEnd = await AllowancesAsync(member, d1.AddDays(-1));
        var afterEnd = await AllowancesAsync(member, d1.AddDays(3));

        var paused = Guid.NewGuid();
        var (resumedOn, pausedOn) = (d1.AddDays(60), d1.AddDays(40));
        await host.PublishAsync(space, new MembershipActivated(paused, memberId, "Nomade", d1.AddDays(30), d1.AddDays(60), new Contracts.Membership.Allowances(2, 0m)));
        await Eventually.MatchAsync(() => AllowancesAsync(member, pausedOn), a => Granted(a) == 2, Patience, "the second activation");
        await host.PublishAsync(space, new MembershipResumed(paused, memberId, resumedOn, resumedOn.AddDays(30), new Contracts.Membership.Allowances(6, 0m), null, []));
        await Eventually.MatchAsync(() => AllowancesAsync(member, resumedOn), a => Granted(a) == 6, Patience, "the resumption");
        await host.PublishAsync(space, new MembershipPaused(paused, memberId, pausedOn, null, []));
        var whilePaused = await Eventually.MatchAsync(() => AllowancesAsync(member, pausedOn), a => a["periodStart"] is null, Patience, "the late pause");
        var beforePause = await AllowancesAsync(member, pausedOn.AddDays(-1));
        var resumed = await AllowancesAsync(member, resumedOn.AddDays(1));

        Assert.Multiple(() =>
        {
            Assert.That(renewedWitness["allowancePeriods"]![0]!["endedOn"]!.GetValue<string>(), Is.EqualTo(Day(d1)));
            Assert.That(Granted(beforeEnd), Is.EqualTo(4), "the late renewal's days before the end are usable");
            Assert.That(afterEnd["periodStart"], Is.Null, "nothing after the end, whatever came last");
            Assert.That(Granted(resumed), Is.EqualTo(6), "the late pause leaves the resumed period alone");
            Assert.That(Granted(beforePause), Is.EqualTo(2));
            Assert.That(whilePaused["periodStart"], Is.Null, "paused from its day");
        });
    }

    [Test]
    public async Task A_pause_stops_the_allowance_from_its_day_and_a_resumption_opens_a_period_even_on_the_day_the_paused_one_started()
    {
        var space = await SpaceAsync("pause");
        var memberId = Guid.NewGuid();
        using var member = host.Client(space, memberId, SpaceRoles.Member);
        var today = BookingApi.Weekday(0);
        var (start, end) = (today, today.AddDays(30));
        var subscription = Guid.NewGuid();
        await host.PublishAsync(space, new MembershipActivated(subscription, memberId, "Nomade", start, end, new Contracts.Membership.Allowances(4, 2m)));
        await Eventually.MatchAsync(() => AllowancesAsync(member, start.AddDays(5)), a => Granted(a) == 4, Patience, "the grant");

        var pausedOn = start.AddDays(10);
        var pause = new MembershipPaused(subscription, memberId, pausedOn, null, []);
        var pauseId = Guid.NewGuid();
        await host.PublishAsync(space, pause, pauseId);
        await host.PublishAsync(space, pause, pauseId);
        await Eventually.MatchAsync(() => AllowancesAsync(member, pausedOn), a => a["periodStart"] is null, Patience, "the pause");
        var beforePause = await AllowancesAsync(member, pausedOn.AddDays(-1));

        var resumedOn = pausedOn.AddDays(5);
        var resume = new MembershipResumed(subscription, memberId, resumedOn, resumedOn.AddDays(30), new Contracts.Membership.Allowances(6, 3m), null, []);
        var resumeId = Guid.NewGuid();
        await host.PublishAsync(space, resume, resumeId);
        await host.PublishAsync(space, resume, resumeId);
        await host.PublishAsync(space, resume);
        var resumed = await Eventually.MatchAsync(() => AllowancesAsync(member, resumedOn), a => Granted(a) == 6, Patience, "the resumption");
        var stillPaused = await AllowancesAsync(member, resumedOn.AddDays(-1));

        // Paused and resumed on the very day the period started: the same period, reopened.
        var other = Guid.NewGuid();
        await host.PublishAsync(space, new MembershipActivated(other, memberId, "Bureau", start, end, new Contracts.Membership.Allowances(1, 0m)));
        await Eventually.MatchAsync(() => ExportAsync(member, memberId), e => e["allowancePeriods"]!.AsArray().Count == 3, Patience, "the second subscription");
        await host.PublishAsync(space, new MembershipPaused(other, memberId, start, null, []));
        await Eventually.MatchAsync(
            () => ExportAsync(member, memberId),
            e => e["allowancePeriods"]!.AsArray().Any(p => p!["subscriptionId"]!.GetValue<string>() == other.ToString() && p["endedOn"] is not null),
            Patience, "the second pause");
        await host.PublishAsync(space, new MembershipResumed(other, memberId, start, end, new Contracts.Membership.Allowances(2, 1m), null, []));
        var reopened = await Eventually.MatchAsync(
            () => ExportAsync(member, memberId),
            e => e["allowancePeriods"]!.AsArray().Any(p => p!["subscriptionId"]!.GetValue<string>() == other.ToString() && p["endedOn"] is null),
            Patience, "the period to reopen");

        var periods = reopened["allowancePeriods"]!.AsArray().Select(p => p!).ToList();
        var reopenedPeriod = periods.Single(p => p["subscriptionId"]!.GetValue<string>() == other.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(Granted(beforePause), Is.EqualTo(4), "usable until the pause");
            Assert.That(stillPaused["periodStart"], Is.Null, "nothing usable between pause and resumption");
            Assert.That(resumed["periodStart"]!.GetValue<string>(), Is.EqualTo(Day(resumedOn)));
            Assert.That(periods.Count(p => p["subscriptionId"]!.GetValue<string>() == subscription.ToString()), Is.EqualTo(2), "one period before the pause, one after: redeliveries and repeats open none more");
            Assert.That(reopenedPeriod["deskDays"]!["granted"]!.GetValue<decimal>(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Presence_names_only_members_who_opted_in_to_presence_whatever_their_directory_choice()
    {
        var space = await SpaceAsync("presence-opt-in");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 10);
        var date = BookingApi.Weekday(2);
        var (shown, listed, silent) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await host.PublishAsync(space, new MemberProfileChanged(shown, "Camille", DirectoryOptIn: false, PresenceOptIn: true));
        await host.PublishAsync(space, new MemberProfileChanged(listed, "Dominique", DirectoryOptIn: true, PresenceOptIn: false));
        await host.PublishAsync(space, new MemberProfileChanged(silent, "Eve", DirectoryOptIn: false));
        foreach (var member in new[] { shown, listed, silent })
        {
            using var client = host.Client(space, member, SpaceRoles.Member);
            await BookingApi.JsonAsync(await BookingApi.BookDayAsync(client, pool, date), HttpStatusCode.Created);
        }

        await Eventually.MatchAsync(() => ExportAsync(op, silent), e => e["profile"] is not null, Patience, "the last profile");
        await Eventually.MatchAsync(() => ExportAsync(op, listed), e => e["profile"] is not null, Patience, "the profiles");
        using var reader = host.Client(space, shown, SpaceRoles.Member);
        var presence = await Eventually.MatchAsync(
            () => reader.GetFromJsonAsync<JsonObject>($"/api/booking/presence?date={Day(date)}")!,
            p => p!["members"]!.AsArray().Count == 1, Patience, "Camille to be named");

        Assert.Multiple(() =>
        {
            Assert.That(presence!["members"]!.AsArray().Select(m => m!["displayName"]!.GetValue<string>()), Is.EqualTo(new[] { "Camille" }));
            Assert.That(presence["othersCount"]!.GetValue<int>(), Is.EqualTo(2), "the directory's opt-in is not presence's");
            Assert.That(presence["total"]!.GetValue<int>(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task The_export_holds_the_persons_own_data_for_them_and_operators_only()
    {
        var space = await SpaceAsync("export");
        var other = await SpaceAsync("export-other");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 10);
        var (ana, bob) = (Guid.NewGuid(), Guid.NewGuid());
        using var anaClient = host.Client(space, ana, SpaceRoles.Member);
        using var bobClient = host.Client(space, bob, SpaceRoles.Member);
        using var outsider = host.Client(other, Guid.NewGuid(), SpaceRoles.Owner);
        using var stranger = host.Client(space, Guid.NewGuid());
        using var anonymous = host.Client(space, null);
        var date = BookingApi.Weekday(3);
        await host.PublishAsync(space, new MemberProfileChanged(ana, "Ana", DirectoryOptIn: true, PresenceOptIn: true));
        await host.PublishAsync(space, new MembershipActivated(Guid.NewGuid(), ana, "Nomade", date.AddDays(-1), date.AddDays(29), new Contracts.Membership.Allowances(5, 0m)));
        await Eventually.MatchAsync(() => AllowancesAsync(anaClient, date), a => Granted(a) == 5, Patience, "Ana's allowance");
        var booking = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(anaClient, pool, date), HttpStatusCode.Created);
        await BookingApi.JsonAsync(await BookingApi.BookDayAsync(bobClient, pool, date), HttpStatusCode.Created);
        var pass = await BookingApi.JsonAsync(await op.PostAsJsonAsync("/api/booking/day-passes",
            new { date = Day(BookingApi.WeekdayAfter(date)), guest = new { name = "Ana Martin", email = "ana@example.org" }, memberId = ana, paidWith = "cash" }), HttpStatusCode.Created);
        var evt = await BookingApi.JsonAsync(await op.PostAsJsonAsync("/api/booking/events",
            new { title = "Atelier vélo", start = BookingApi.Paris(date, 14), end = BookingApi.Paris(date, 16), capacity = 10 }), HttpStatusCode.Created);
        await BookingApi.JsonAsync(await anaClient.PostAsync(new Uri($"/api/booking/events/{evt["id"]}/rsvp", UriKind.Relative), null), HttpStatusCode.OK);
        await BookingApi.JsonAsync(await bobClient.PostAsync(new Uri($"/api/booking/events/{evt["id"]}/rsvp", UriKind.Relative), null), HttpStatusCode.OK);
        await anaClient.GetFromJsonAsync<JsonObject>("/api/booking/calendar");
        var path = $"/api/booking/members/{ana}/export";

        var own = await Eventually.MatchAsync(() => ExportAsync(anaClient, ana), e => e["profile"] is not null && e["allowancePeriods"]!.AsArray().Count == 1, Patience, "the profile and the period");
        var byOperator = await BookingApi.JsonAsync(await op.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.OK);
        await OperatorsClient.ProblemAsync(await bobClient.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await outsider.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await stranger.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await anonymous.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.Unauthorized);
        await OperatorsClient.ProblemAsync(await op.GetAsync(new Uri($"/api/booking/members/{Guid.NewGuid()}/export", UriKind.Relative)), HttpStatusCode.NotFound);

        Assert.Multiple(() =>
        {
            Assert.That(own.ToJsonString(), Is.EqualTo(byOperator.ToJsonString()), "the same document for the person and an operator");
            Assert.That(own["memberId"]!.GetValue<string>(), Is.EqualTo(ana.ToString()));
            Assert.That(own["profile"]!["displayName"]!.GetValue<string>(), Is.EqualTo("Ana"));
            Assert.That(own["profile"]!["presenceOptIn"]!.GetValue<bool>(), Is.True);
            Assert.That(own["bookings"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()),
                Is.EquivalentTo(new[] { booking["id"]!.GetValue<string>(), pass["bookingId"]!.GetValue<string>() }), "her booking and her day pass's seat, not Bob's");
            Assert.That(own["dayPasses"]!.AsArray().Single()!["id"]!.GetValue<string>(), Is.EqualTo(pass["id"]!.GetValue<string>()));
            Assert.That(own["dayPasses"]![0]!["guest"]!["email"]!.GetValue<string>(), Is.EqualTo("ana@example.org"));
            Assert.That(own["rsvps"]!.AsArray().Single()!["title"]!.GetValue<string>(), Is.EqualTo("Atelier vélo"));
            Assert.That(own["allowancePeriods"]![0]!["deskDays"]!["used"]!.GetValue<decimal>(), Is.EqualTo(1));
            Assert.That(own["calendarFeed"]!["exists"]!.GetValue<bool>(), Is.True);
            Assert.That(own.ToJsonString(), Does.Not.Contain(bob.ToString()), "nobody else's data");
        });
    }

    [Test]
    public async Task Erasure_forgets_the_name_email_and_feed_and_keeps_the_bookings_counted()
    {
        var space = await SpaceAsync("erasure");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 10);
        var memberId = Guid.NewGuid();
        using var member = host.Client(space, memberId, SpaceRoles.Member);
        using var calendarApp = host.Client(space, null);
        var date = BookingApi.Weekday(2);
        await host.PublishAsync(space, new MemberProfileChanged(memberId, "Léa Dupont", DirectoryOptIn: true, PresenceOptIn: true));
        var booking = await BookingApi.JsonAsync(await BookingApi.BookDayAsync(member, pool, date), HttpStatusCode.Created);
        await BookingApi.JsonAsync(await op.PostAsJsonAsync("/api/booking/day-passes",
            new { date = Day(BookingApi.WeekdayAfter(date)), guest = new { name = "Léa Dupont", email = "lea@example.org" }, memberId, paidWith = "card" }), HttpStatusCode.Created);
        var feed = new Uri((await member.GetFromJsonAsync<JsonObject>("/api/booking/calendar"))!["url"]!.GetValue<string>());
        await Eventually.MatchAsync(
            () => op.GetFromJsonAsync<JsonObject>($"/api/booking/presence?date={Day(date)}")!,
            p => p!["members"]!.AsArray().Count == 1, Patience, "the profile");

        // Erased "a minute from now": the profile published below counts as sent before the erasure (a late one).
        var erased = new MemberErased(memberId, DateTimeOffset.UtcNow.AddMinutes(1));
        var messageId = Guid.NewGuid();
        await host.PublishAsync(space, erased, messageId);
        await host.PublishAsync(space, erased, messageId);
        var export = await Eventually.MatchAsync(() => ExportAsync(op, memberId), e => e["profile"]?["erasedAt"] is not null, Patience, "the erasure");
        // Published before the erasure, delivered after: the name must not come back.
        await host.PublishAsync(space, new MemberProfileChanged(memberId, "Léa Dupont", DirectoryOptIn: true, PresenceOptIn: true));
        var witness = Guid.NewGuid();
        await host.PublishAsync(space, new MemberProfileChanged(witness, "Witness", DirectoryOptIn: false));
        await Eventually.MatchAsync(
            async () =>
            {
                using var response = await op.GetAsync(new Uri($"/api/booking/members/{witness}/export", UriKind.Relative));
                return response.StatusCode;
            },
            s => s == HttpStatusCode.OK, Patience, "a later profile");
        var afterLateProfile = await ExportAsync(op, memberId);
        var presence = await op.GetFromJsonAsync<JsonObject>($"/api/booking/presence?date={Day(date)}");
        using var revoked = await calendarApp.GetAsync(new Uri(feed.PathAndQuery, UriKind.Relative));
        var seen = await BookingApi.JsonAsync(await op.GetAsync(new Uri($"/api/booking/bookings/{booking["id"]}", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(export.ToJsonString(), Does.Not.Contain("Léa").And.Not.Contain("lea@example.org"));
            Assert.That(afterLateProfile.ToJsonString(), Does.Not.Contain("Léa"), "a late profile message does not bring the name back");
            Assert.That(export["profile"]!["presenceOptIn"]!.GetValue<bool>(), Is.False);
            Assert.That(export["profile"]!["directoryOptIn"]!.GetValue<bool>(), Is.False);
            Assert.That(export["dayPasses"]!.AsArray().Single()!["guest"], Is.Null);
            Assert.That(export["calendarFeed"]!["exists"]!.GetValue<bool>(), Is.False);
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the feed's secret address stops working");
            Assert.That(export["bookings"]!.AsArray(), Has.Count.EqualTo(2), "the booking and the day pass's seat stay");
            Assert.That(seen["memberId"]!.GetValue<string>(), Is.EqualTo(memberId.ToString()), "bookings keep the person's id for the invoices");
            Assert.That(presence!["members"]!.AsArray(), Is.Empty);
            Assert.That(presence["total"]!.GetValue<int>(), Is.EqualTo(1), "still counted");
        });
    }
}
