using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Contracts.Membership;
using Operators.Contracts.People;
using Operators.ServiceDefaults.Security;

namespace Operators.Membership.Tests;

/// <summary>
/// Plans, subscriptions and settings through HTTP, against the membership service as its own process on PostgreSQL,
/// with its events observed on the bus. Members come from the gateway's <c>PersonJoinedSpace</c>. Dates are the
/// space's today (Paris); exact amounts are the rules tests' business, so here only kinds and signs are checked.
/// The renewal job runs every minute in this host.
/// </summary>
public sealed class SubscriptionsApiTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private ServiceHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await ServiceHost.StartAsync("Membership", "Postgres",
        new Dictionary<string, string> { ["Membership:RenewalCron"] = "* * * * *" },
        observe: s => s.Observe<MembershipActivated>().Observe<MembershipRenewed>().Observe<MembershipChanged>().Observe<MembershipPaused>()
            .Observe<MembershipResumed>().Observe<MembershipCancelling>().Observe<MembershipEnded>());

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    private static DateOnly Today => TestCalendar.Today(DateTimeOffset.UtcNow, TestCalendar.Paris);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            await OperatorsClient.ExpectAsync(response, expected);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }
    }

    private static async Task<JsonObject> ProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using var response = await call;
        return await OperatorsClient.ProblemAsync(response, expected);
    }

    private static Task<JsonObject> CreatePlanAsync(HttpClient op, string name, decimal price, int deskDays = 8, int commitment = 0, decimal setupFee = 0) =>
        op.PostAsJsonAsync("/api/membership/plans", new
        {
            name, description = "Le plan " + name, monthlyPrice = price, vatRate = 20m, setupFee, commitmentMonths = commitment,
            allowances = new { deskDays, roomHours = 4.5m },
            access = new { days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }, from = "08:00", to = "19:00" },
        }).ContinueWith(t => JsonAsync(t.Result, HttpStatusCode.Created)).Unwrap();

    private async Task<(Guid Member, JsonObject Subscription)> SubscribedAsync(Guid space, HttpClient op, Guid planId, DateOnly? start = null, string name = "lea")
    {
        var member = Guid.NewGuid();
        await host.PublishAsync(space, new PersonJoinedSpace(member, $"{name}@example.org", name, ["member"], false));
        var created = await Eventually.MatchAsync(
            async () =>
            {
                var response = await op.PostAsJsonAsync("/api/membership/subscriptions", new { memberId = member, planId, start = Iso(start ?? Today) });
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            r => r.StatusCode != HttpStatusCode.NotFound, Wait, "the member to be recorded");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.Body);
        return (member, JsonNode.Parse(created.Body)!.AsObject());
    }

    private List<object> EventsOf(Guid subscription) =>
        [.. host.Published.Select(p => p.Message).Where(m => m switch
        {
            MembershipActivated a => a.SubscriptionId == subscription,
            MembershipRenewed a => a.SubscriptionId == subscription,
            MembershipChanged a => a.SubscriptionId == subscription,
            MembershipPaused a => a.SubscriptionId == subscription,
            MembershipResumed a => a.SubscriptionId == subscription,
            MembershipCancelling a => a.SubscriptionId == subscription,
            MembershipEnded a => a.SubscriptionId == subscription,
            _ => false,
        })];

    private Task<T> EventAsync<T>(Guid subscription) =>
        Eventually.MatchAsync(() => Task.FromResult(EventsOf(subscription).OfType<T>().ToList()), l => l.Count > 0, Wait, typeof(T).Name)
            .ContinueWith(t => t.Result.Last());

    [Test]
    public async Task Plans_are_created_read_by_anyone_while_active_and_deleted_or_retired_on_delete()
    {
        var space = await host.ProvisionSpaceAsync("plans-crud");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        using var anyone = host.Client(space, null);
        var nomade = await CreatePlanAsync(op, "Nomade", 120m, setupFee: 30m);
        var withMoney = await JsonAsync(await op.PostAsJsonAsync("/api/membership/plans", new { name = "Fixe", monthlyPrice = new { amount = 290.5m, currency = "EUR" }, vatRate = 20m }), HttpStatusCode.Created);
        var unused = await CreatePlanAsync(op, "Essai", 10m);
        await SubscribedAsync(space, op, Guid.Parse(nomade["id"]!.GetValue<string>()));

        var deleted = await JsonAsync(await op.DeleteAsync(new Uri($"/api/membership/plans/{unused["id"]}", UriKind.Relative)), HttpStatusCode.OK);
        var retired = await JsonAsync(await op.DeleteAsync(new Uri($"/api/membership/plans/{nomade["id"]}", UriKind.Relative)), HttpStatusCode.OK);
        var publicList = (await anyone.GetFromJsonAsync<JsonArray>("/api/membership/plans"))!;
        var operatorList = (await op.GetFromJsonAsync<JsonArray>("/api/membership/plans?all=true"))!;
        var memberAll = (await anyone.GetFromJsonAsync<JsonArray>("/api/membership/plans?all=true"))!;

        Assert.Multiple(() =>
        {
            Assert.That(nomade["monthlyPrice"]!.ToJsonString(), Is.EqualTo("""{"amount":120,"currency":"EUR"}"""));
            Assert.That(nomade["setupFee"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(30m));
            Assert.That(nomade["allowances"]!.ToJsonString(), Is.EqualTo("""{"deskDays":8,"roomHours":4.5}"""));
            Assert.That(nomade["access"]!.ToJsonString(), Is.EqualTo("""{"days":["monday","tuesday","wednesday","thursday","friday"],"from":"08:00","to":"19:00"}"""));
            Assert.That((nomade["active"]!.GetValue<bool>(), nomade["commitmentMonths"]!.GetValue<int>(), nomade["vatRate"]!.GetValue<decimal>()), Is.EqualTo((true, 0, 20m)));
            Assert.That(withMoney["monthlyPrice"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(290.5m));
            Assert.That(withMoney["setupFee"], Is.Null);
            Assert.That(deleted["outcome"]!.GetValue<string>(), Is.EqualTo("deleted"));
            Assert.That(retired["outcome"]!.GetValue<string>(), Is.EqualTo("retired"));
            Assert.That(publicList.Select(p => p!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Fixe" }));
            Assert.That(memberAll.Select(p => p!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Fixe" }), "only operators see retired plans");
            Assert.That(operatorList.Select(p => (p!["name"]!.GetValue<string>(), p["active"]!.GetValue<bool>())), Is.EquivalentTo(new[] { ("Nomade", false), ("Fixe", true) }));
        });
    }

    [TestCase("monthlyPrice", """{"name":"X","monthlyPrice":-1}""")]
    [TestCase("monthlyPrice", """{"name":"X"}""")]
    [TestCase("monthlyPrice.currency", """{"name":"X","monthlyPrice":{"amount":10,"currency":"USD"}}""")]
    [TestCase("vatRate", """{"name":"X","monthlyPrice":10,"vatRate":7}""")]
    [TestCase("commitmentMonths", """{"name":"X","monthlyPrice":10,"commitmentMonths":37}""")]
    [TestCase("allowances.deskDays", """{"name":"X","monthlyPrice":10,"allowances":{"deskDays":32,"roomHours":0}}""")]
    [TestCase("allowances.roomHours", """{"name":"X","monthlyPrice":10,"allowances":{"deskDays":1,"roomHours":1.1}}""")]
    [TestCase("allowances.roomHours", """{"name":"X","monthlyPrice":10,"allowances":{"deskDays":1,"roomHours":745}}""")]
    [TestCase("access.days", """{"name":"X","monthlyPrice":10,"access":{"days":["monday","monday"],"from":"08:00","to":"19:00"}}""")]
    [TestCase("access.days[0]", """{"name":"X","monthlyPrice":10,"access":{"days":["lundi"],"from":"08:00","to":"19:00"}}""")]
    [TestCase("access.to", """{"name":"X","monthlyPrice":10,"access":{"days":["monday"],"from":"19:00","to":"08:00"}}""")]
    [TestCase("name", """{"monthlyPrice":10}""")]
    public async Task A_bad_plan_is_a_400_naming_the_field(string field, string body)
    {
        var space = await host.ProvisionSpaceAsync("plans-bad-" + Guid.NewGuid().ToString("N")[..6]);
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var problem = await ProblemAsync(op.PostAsync(new Uri("/api/membership/plans", UriKind.Relative), content), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field), problem.ToJsonString());
    }

    [Test]
    public async Task Editing_a_plan_changes_it_for_new_subscribers_only()
    {
        var space = await host.ProvisionSpaceAsync("plans-edit");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var plan = await CreatePlanAsync(op, "Nomade", 100m, deskDays: 8);
        var planId = Guid.Parse(plan["id"]!.GetValue<string>());
        var (_, before) = await SubscribedAsync(space, op, planId, name: "before");
        await JsonAsync(await op.PutAsJsonAsync($"/api/membership/plans/{planId}", new { name = "Nomade+", monthlyPrice = 150m, allowances = new { deskDays = 12, roomHours = 0 } }), HttpStatusCode.OK);
        var (_, after) = await SubscribedAsync(space, op, planId, name: "after");
        var stillBefore = await JsonAsync(await op.GetAsync(new Uri($"/api/membership/subscriptions/{before["id"]}", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That((stillBefore["planName"]!.GetValue<string>(), stillBefore["price"]!["amount"]!.GetValue<decimal>(), stillBefore["allowances"]!["deskDays"]!.GetValue<int>()),
                Is.EqualTo(("Nomade", 100m, 8)));
            Assert.That((after["planName"]!.GetValue<string>(), after["price"]!["amount"]!.GetValue<decimal>(), after["allowances"]!["deskDays"]!.GetValue<int>()),
                Is.EqualTo(("Nomade+", 150m, 12)));
        });
    }

    [Test]
    public async Task An_edit_that_leaves_fields_out_keeps_them_a_retired_plan_stays_retired()
    {
        var space = await host.ProvisionSpaceAsync("plans-partial");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var plan = await CreatePlanAsync(op, "Atelier", 80m, deskDays: 6, commitment: 3, setupFee: 25m);
        await JsonAsync(await op.PutAsJsonAsync($"/api/membership/plans/{plan["id"]}", new { name = "Atelier", monthlyPrice = 80m, vatRate = 5.5m, active = false }), HttpStatusCode.OK);
        var edited = await JsonAsync(await op.PutAsJsonAsync($"/api/membership/plans/{plan["id"]}", new { name = "Atelier partagé", monthlyPrice = 90m }), HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(edited["name"]!.GetValue<string>(), Is.EqualTo("Atelier partagé"));
            Assert.That(edited["active"]!.GetValue<bool>(), Is.False, "not back on sale");
            Assert.That(edited["vatRate"]!.GetValue<decimal>(), Is.EqualTo(5.5m));
            Assert.That(edited["commitmentMonths"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(edited["setupFee"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(25m));
            Assert.That(edited["allowances"]!["deskDays"]!.GetValue<int>(), Is.EqualTo(6));
        });
    }

    [Test]
    public async Task Two_operators_subscribing_one_member_at_the_same_instant_make_one_subscription()
    {
        var space = await host.ProvisionSpaceAsync("subscribe-race");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var plan = await CreatePlanAsync(op, "Nomade", 60m);
        var member = Guid.NewGuid();
        await host.PublishAsync(space, new PersonJoinedSpace(member, "race@example.org", "Race", ["member"], false));
        await Eventually.MatchAsync(
            async () => { using var r = await op.GetAsync(new Uri($"/api/membership/members/{member}", UriKind.Relative)); return r.StatusCode; },
            status => status == HttpStatusCode.OK, Wait, "the member to be recorded");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var r = await op.PostAsJsonAsync("/api/membership/subscriptions", new { memberId = member, planId = plan["id"]!.GetValue<string>(), start = Iso(Today) });
            return r.StatusCode;
        }));
        var listed = (await op.GetFromJsonAsync<JsonArray>($"/api/membership/subscriptions?memberId={member}"))!;

        Assert.Multiple(() =>
        {
            Assert.That(attempts.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1));
            Assert.That(attempts.Where(s => s != HttpStatusCode.Created), Is.All.EqualTo(HttpStatusCode.Conflict));
            Assert.That(listed, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Subscribing_answers_the_subscription_and_publishes_its_activation_with_the_first_period_and_the_setup_fee()
    {
        var space = await host.ProvisionSpaceAsync("subscribe");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var plan = await CreatePlanAsync(op, "Nomade", 100m, deskDays: 8, commitment: 3, setupFee: 40m);
        var (member, s) = await SubscribedAsync(space, op, Guid.Parse(plan["id"]!.GetValue<string>()));
        var id = Guid.Parse(s["id"]!.GetValue<string>());
        var activated = await EventAsync<MembershipActivated>(id);
        using var self = host.Client(space, member, SpaceRoles.Member);
        using var other = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        var mine = (await self.GetFromJsonAsync<JsonArray>("/api/membership/subscriptions/mine"))!;
        var own = await JsonAsync(await self.GetAsync(new Uri($"/api/membership/subscriptions/{id}", UriKind.Relative)), HttpStatusCode.OK);
        await ProblemAsync(other.GetAsync(new Uri($"/api/membership/subscriptions/{id}", UriKind.Relative)), HttpStatusCode.NotFound);
        var listed = (await op.GetFromJsonAsync<JsonArray>($"/api/membership/subscriptions?memberId={member}"))!;

        Assert.Multiple(() =>
        {
            Assert.That(s["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(s["memberId"]!.GetValue<string>(), Is.EqualTo(member.ToString()));
            Assert.That(s["planName"]!.GetValue<string>(), Is.EqualTo("Nomade"));
            Assert.That(s["currentPeriod"]!["start"]!.GetValue<string>(), Is.EqualTo(Iso(Today)));
            Assert.That(s["currentPeriod"]!["end"]!.GetValue<string>(), Is.EqualTo(Iso(Today.AddMonths(1))));
            Assert.That(s["nextRenewal"]!.GetValue<string>(), Is.EqualTo(Iso(Today.AddMonths(1))));
            Assert.That(s["commitmentEndsOn"]!.GetValue<string>(), Is.EqualTo(Iso(Today.AddMonths(3))));
            Assert.That(s["allowances"]!["deskDays"]!.GetValue<int>(), Is.EqualTo(8));
            Assert.That(activated.Allowances, Is.EqualTo(new Allowances(8, 4.5m)));
            Assert.That(activated.Charges!.Select(c => (c.Kind, c.Amount)), Is.EqualTo(new[]
            {
                (MembershipChargeKinds.Period, new Money(100m, "EUR")),
                (MembershipChargeKinds.SetupFee, new Money(40m, "EUR")),
            }));
            Assert.That(activated.Charges![0].Description, Does.StartWith("Abonnement Nomade — du "));
            Assert.That(mine.Select(x => x!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id.ToString() }));
            Assert.That(own["id"]!.GetValue<string>(), Is.EqualTo(id.ToString()));
            Assert.That(listed, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Refused_subscriptions_name_the_problem()
    {
        var space = await host.ProvisionSpaceAsync("subscribe-refused");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var plan = await CreatePlanAsync(op, "Nomade", 100m);
        var planId = Guid.Parse(plan["id"]!.GetValue<string>());
        var retiredPlan = await CreatePlanAsync(op, "Ancien", 50m);
        await JsonAsync(await op.PutAsJsonAsync($"/api/membership/plans/{retiredPlan["id"]}", new { name = "Ancien", monthlyPrice = 50m, active = false }), HttpStatusCode.OK);
        var (member, _) = await SubscribedAsync(space, op, planId);
        var leaver = Guid.NewGuid();
        await host.PublishAsync(space, new PersonJoinedSpace(leaver, "leaver@example.org", "Leaver", ["member"], false));
        await LeaverStatusAsync("active");
        await host.PublishAsync(space, new PersonRolesChanged(leaver, []));
        await LeaverStatusAsync("left");
        var fresh = Guid.NewGuid();
        await host.PublishAsync(space, new PersonJoinedSpace(fresh, "fresh@example.org", "Fresh", ["member"], false));

        // Subscribing while the role change is still on its way would succeed: wait for each message to be applied.
        Task LeaverStatusAsync(string status) => Eventually.MatchAsync(
            async () =>
            {
                using var r = await op.GetAsync($"/api/membership/members/{leaver}");
                return r.IsSuccessStatusCode ? (await r.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>() : null;
            },
            s => s == status, Wait, $"the leaver to be {status}");

        Task<HttpResponseMessage> Subscribe(Guid who, object planRef, DateOnly start) =>
            op.PostAsJsonAsync("/api/membership/subscriptions", new { memberId = who, planId = planRef, start = Iso(start) });

        var unknown = await ProblemAsync(Subscribe(Guid.NewGuid(), planId, Today), HttpStatusCode.NotFound);
        var already = await ProblemAsync(Subscribe(member, planId, Today), HttpStatusCode.Conflict);
        var left = await Eventually.MatchAsync(
            async () => { using var r = await Subscribe(leaver, planId, Today); return (r.StatusCode, await r.Content.ReadAsStringAsync()); },
            r => r.StatusCode == HttpStatusCode.Conflict, Wait, "the leaver to have left");
        var retired = await Eventually.MatchAsync(
            async () => { using var r = await Subscribe(fresh, retiredPlan["id"]!.GetValue<string>(), Today); return (r.StatusCode, await r.Content.ReadAsStringAsync()); },
            r => r.StatusCode != HttpStatusCode.NotFound, Wait, "the fresh member");
        var tooFar = await ProblemAsync(Subscribe(fresh, planId, Today.AddDays(400)), HttpStatusCode.BadRequest);
        var tooOld = await ProblemAsync(Subscribe(fresh, planId, Today.AddDays(-400)), HttpStatusCode.BadRequest);
        var noPlan = await ProblemAsync(Subscribe(fresh, Guid.NewGuid(), Today), HttpStatusCode.NotFound);

        Assert.Multiple(() =>
        {
            Assert.That(unknown["detail"]!.GetValue<string>(), Does.Contain("member"));
            Assert.That(already["detail"]!.GetValue<string>(), Does.Contain("change its plan"));
            Assert.That(left.Item2, Does.Contain("member role"));
            Assert.That(retired.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(retired.Item2, Does.Contain("retired"));
            Assert.That(tooFar["errors"]!["start"], Is.Not.Null);
            Assert.That(tooOld["errors"]!["start"], Is.Not.Null);
            Assert.That(noPlan["detail"]!.GetValue<string>(), Does.Contain("plan"));
        });
    }

    [Test]
    public async Task A_subscription_moves_through_upgrade_downgrade_pause_resume_and_cancel_with_its_events_and_charges()
    {
        var space = await host.ProvisionSpaceAsync("lifecycle");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var nomade = await CreatePlanAsync(op, "Nomade", 100m, deskDays: 8);
        var resident = await CreatePlanAsync(op, "Résident", 250m, deskDays: 20);
        var (_, s) = await SubscribedAsync(space, op, Guid.Parse(nomade["id"]!.GetValue<string>()), start: Today.AddDays(-3));
        var id = Guid.Parse(s["id"]!.GetValue<string>());
        string Route(string action) => $"/api/membership/subscriptions/{id}/{action}";

        var upgraded = await JsonAsync(await op.PostAsJsonAsync(Route("change-plan"), new { planId = resident["id"]!.GetValue<string>() }), HttpStatusCode.OK);
        var changed = await EventAsync<MembershipChanged>(id);
        var downgrade = await JsonAsync(await op.PostAsJsonAsync(Route("change-plan"), new { planId = nomade["id"]!.GetValue<string>() }), HttpStatusCode.OK);
        var paused = await JsonAsync(await op.PostAsJsonAsync(Route("pause"), new { }), HttpStatusCode.OK);
        var pausedEvent = await EventAsync<MembershipPaused>(id);
        var resumeAgain = await ProblemAsync(op.PostAsJsonAsync(Route("pause"), new { }), HttpStatusCode.Conflict);
        var resumed = await JsonAsync(await op.PostAsJsonAsync(Route("resume"), new { }), HttpStatusCode.OK);
        var resumedEvent = await EventAsync<MembershipResumed>(id);
        var cancelling = await JsonAsync(await op.PostAsJsonAsync(Route("cancel"), new { at = "period-end" }), HttpStatusCode.OK);
        await EventAsync<MembershipCancelling>(id);
        var ended = await JsonAsync(await op.PostAsJsonAsync(Route("cancel"), new { at = "now" }), HttpStatusCode.OK);
        var endedEvent = await EventAsync<MembershipEnded>(id);
        var afterEnd = await ProblemAsync(op.PostAsJsonAsync(Route("resume"), new { }), HttpStatusCode.Conflict);

        Assert.Multiple(() =>
        {
            Assert.That((upgraded["planName"]!.GetValue<string>(), upgraded["allowances"]!["deskDays"]!.GetValue<int>()), Is.EqualTo(("Résident", 20)));
            Assert.That(changed.Charges.Select(c => (c.Kind, Math.Sign(c.Amount.Amount))), Is.EqualTo(new[] { (MembershipChargeKinds.ProrationCredit, -1), (MembershipChargeKinds.ProrationCharge, 1) }));
            Assert.That(changed.EffectiveOn, Is.EqualTo(Today).Or.EqualTo(Today.AddDays(1)));
            Assert.That(downgrade["planName"]!.GetValue<string>(), Is.EqualTo("Résident"), "a downgrade waits for the period's end");
            Assert.That(downgrade["pendingPlan"]!["planName"]!.GetValue<string>(), Is.EqualTo("Nomade"));
            Assert.That((paused["status"]!.GetValue<string>(), paused["nextRenewal"]), Is.EqualTo(("paused", (JsonNode?)null)));
            Assert.That(pausedEvent.Charges.Select(c => c.Kind), Is.EqualTo(new[] { MembershipChargeKinds.ProrationCredit }));
            Assert.That(resumeAgain["detail"]!.GetValue<string>(), Does.Contain("paused"));
            Assert.That((resumed["status"]!.GetValue<string>(), resumed["planName"]!.GetValue<string>()), Is.EqualTo(("active", "Nomade")), "the pending downgrade applies on resuming");
            Assert.That(resumedEvent.Allowances.DeskDays, Is.EqualTo(8));
            Assert.That(resumedEvent.Charges.Single().Kind, Is.EqualTo(MembershipChargeKinds.Period));
            Assert.That((cancelling["status"]!.GetValue<string>(), cancelling["endsOn"]!.GetValue<string>()), Is.EqualTo(("cancelling", resumed["currentPeriod"]!["end"]!.GetValue<string>())));
            Assert.That(ended["status"]!.GetValue<string>(), Is.EqualTo("ended"));
            Assert.That(endedEvent.Charges!.Select(c => c.Kind), Is.EqualTo(new[] { MembershipChargeKinds.ProrationCredit }));
            Assert.That(afterEnd["detail"]!.GetValue<string>(), Does.Contain("ended"));
        });
    }

    [Test]
    public async Task A_refused_move_writes_nothing_the_next_event_is_the_next_accepted_move()
    {
        var space = await host.ProvisionSpaceAsync("nothing-half");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var plan = await CreatePlanAsync(op, "Nomade", 100m);
        var (_, s) = await SubscribedAsync(space, op, Guid.Parse(plan["id"]!.GetValue<string>()));
        var id = Guid.Parse(s["id"]!.GetValue<string>());
        await EventAsync<MembershipActivated>(id);
        string Route(string action) => $"/api/membership/subscriptions/{id}/{action}";

        await ProblemAsync(op.PostAsJsonAsync(Route("resume"), new { }), HttpStatusCode.Conflict);
        await ProblemAsync(op.PostAsJsonAsync(Route("change-plan"), new { planId = plan["id"]!.GetValue<string>() }), HttpStatusCode.Conflict);
        await ProblemAsync(op.PostAsJsonAsync(Route("cancel"), new { at = "someday" }), HttpStatusCode.BadRequest);
        var untouched = await JsonAsync(await op.GetAsync(new Uri($"/api/membership/subscriptions/{id}", UriKind.Relative)), HttpStatusCode.OK);
        await JsonAsync(await op.PostAsJsonAsync(Route("pause"), new { }), HttpStatusCode.OK);
        await EventAsync<MembershipPaused>(id);

        Assert.Multiple(() =>
        {
            Assert.That(untouched.ToJsonString(), Is.EqualTo(s.ToJsonString()));
            Assert.That(EventsOf(id).Select(e => e.GetType()), Is.EqualTo(new[] { typeof(MembershipActivated), typeof(MembershipPaused) }));
        });
    }

    [Test]
    public async Task The_renewal_job_in_the_service_catches_up_a_subscription_started_in_the_past_once_per_period()
    {
        var space = await host.ProvisionSpaceAsync("renewal-process");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var plan = await CreatePlanAsync(op, "Nomade", 100m);
        var start = Today.AddDays(-65);
        var (_, s) = await SubscribedAsync(space, op, Guid.Parse(plan["id"]!.GetValue<string>()), start: start);
        var id = Guid.Parse(s["id"]!.GetValue<string>());
        var periods = Operators.Membership.Subscriptions.AnniversaryPeriods.NumberOn(start, Today);

        var renewed = await Eventually.MatchAsync(() => Task.FromResult(EventsOf(id).OfType<MembershipRenewed>().ToList()), l => l.Count >= periods, TimeSpan.FromSeconds(150), "the renewals");
        // Another run of the minutely job must not add any.
        await Task.Delay(TimeSpan.FromSeconds(65));
        var current = await JsonAsync(await op.GetAsync(new Uri($"/api/membership/subscriptions/{id}", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(EventsOf(id).OfType<MembershipRenewed>().Select(r => r.PeriodStart).ToList(), Is.EqualTo(renewed.Select(r => r.PeriodStart).ToList()).And.Unique);
            Assert.That(renewed, Has.Count.EqualTo(periods));
            Assert.That(DateOnly.Parse(current["currentPeriod"]!["start"]!.GetValue<string>(), CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(Today));
            Assert.That(DateOnly.Parse(current["currentPeriod"]!["end"]!.GetValue<string>(), CultureInfo.InvariantCulture), Is.GreaterThan(Today));
        });
    }

    [Test]
    public async Task Settings_pause_a_customer_s_subscriptions_once_an_invoice_is_late_enough_and_only_then()
    {
        var space = await host.ProvisionSpaceAsync("overdue");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var defaults = await JsonAsync(await op.GetAsync(new Uri("/api/membership/settings", UriKind.Relative)), HttpStatusCode.OK);
        var bad = await ProblemAsync(op.PutAsJsonAsync("/api/membership/settings", new { pauseAfterOverdueDays = 0 }), HttpStatusCode.BadRequest);
        await JsonAsync(await op.PutAsJsonAsync("/api/membership/settings", new { pauseAfterOverdueDays = 15 }), HttpStatusCode.OK);
        var plan = await CreatePlanAsync(op, "Nomade", 100m);
        // Started days ago: resuming today then opens a period of its own (one period charge per first day).
        var (member, s) = await SubscribedAsync(space, op, Guid.Parse(plan["id"]!.GetValue<string>()), start: Today.AddDays(-3));
        var id = s["id"]!.GetValue<string>();
        var due = new Money(120m, "EUR");

        await host.PublishAsync(space, new InvoiceOverdue(Guid.NewGuid(), "F-1", member, null, Today.AddDays(-10), 10, due));
        await host.PublishAsync(space, new InvoiceOverdue(Guid.NewGuid(), "F-1", member, null, Today.AddDays(-15), 15, due));
        await host.PublishAsync(space, new InvoiceOverdue(Guid.NewGuid(), "F-1", member, null, Today.AddDays(-30), 30, due));
        var paused = await Eventually.MatchAsync(
            () => op.GetFromJsonAsync<JsonObject>($"/api/membership/subscriptions/{id}")!, x => x!["status"]!.GetValue<string>() == "paused", Wait, "the pause");
        // The pause's event leaves through the outbox after the status is saved: wait for it, then for the resume's,
        // which the relay sends after it, so that a second pause from a repeat would be among the events counted.
        await EventAsync<MembershipPaused>(Guid.Parse(id));
        await JsonAsync(await op.PostAsJsonAsync($"/api/membership/subscriptions/{id}/resume", new { }), HttpStatusCode.OK);
        await EventAsync<MembershipResumed>(Guid.Parse(id));

        Assert.Multiple(() =>
        {
            Assert.That(defaults["pauseAfterOverdueDays"], Is.Null);
            Assert.That(bad["errors"]!["pauseAfterOverdueDays"], Is.Not.Null);
            Assert.That(paused!["pausedOn"]!.GetValue<string>(), Is.Not.Null);
            Assert.That(EventsOf(Guid.Parse(id)).OfType<MembershipPaused>().Count(), Is.EqualTo(1), "dunning repeats do not pause twice");
        });
    }

    [Test]
    public async Task Every_route_answers_401_to_nobody_404_to_a_stranger_403_to_a_member_where_operators_only_and_404_for_another_space_s_objects()
    {
        var space = await host.ProvisionSpaceAsync("roles-a");
        var other = await host.ProvisionSpaceAsync("roles-b");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var plan = await CreatePlanAsync(op, "Nomade", 100m);
        var (member, s) = await SubscribedAsync(space, op, Guid.Parse(plan["id"]!.GetValue<string>()));
        var planId = plan["id"]!.GetValue<string>();
        var subscriptionId = s["id"]!.GetValue<string>();
        var planBody = new { name = "X", monthlyPrice = 1m };
        (HttpMethod Method, string Path, object? Body)[] operatorRoutes =
        [
            (HttpMethod.Post, "/api/membership/plans", planBody),
            (HttpMethod.Get, $"/api/membership/plans/{planId}", null),
            (HttpMethod.Put, $"/api/membership/plans/{planId}", planBody),
            (HttpMethod.Delete, $"/api/membership/plans/{planId}", null),
            (HttpMethod.Get, $"/api/membership/subscriptions?memberId={member}", null),
            (HttpMethod.Post, "/api/membership/subscriptions", new { memberId = member, planId, start = Iso(Today) }),
            (HttpMethod.Post, $"/api/membership/subscriptions/{subscriptionId}/cancel", new { at = "now" }),
            (HttpMethod.Post, $"/api/membership/subscriptions/{subscriptionId}/pause", new { }),
            (HttpMethod.Post, $"/api/membership/subscriptions/{subscriptionId}/resume", new { }),
            (HttpMethod.Post, $"/api/membership/subscriptions/{subscriptionId}/change-plan", new { planId }),
            (HttpMethod.Get, "/api/membership/settings", null),
            (HttpMethod.Put, "/api/membership/settings", new { pauseAfterOverdueDays = 10 }),
        ];
        (HttpMethod Method, string Path, object? Body)[] memberRoutes =
        [
            (HttpMethod.Get, "/api/membership/subscriptions/mine", null),
            (HttpMethod.Get, $"/api/membership/subscriptions/{subscriptionId}", null),
        ];
        using var nobody = host.Client(space, null);
        using var stranger = host.Client(space, Guid.NewGuid());
        using var aMember = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        using var otherOperator = host.Client(other, Guid.NewGuid(), SpaceRoles.Operator);

        async Task<HttpStatusCode> CallAsync(HttpClient client, (HttpMethod Method, string Path, object? Body) route)
        {
            using var request = new HttpRequestMessage(route.Method, route.Path) { Content = route.Body is null ? null : JsonContent.Create(route.Body) };
            using var response = await client.SendAsync(request);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json").Or.EqualTo("application/json"), $"{route.Method} {route.Path}");
            return response.StatusCode;
        }

        var failures = new List<string>();
        foreach (var route in operatorRoutes.Concat(memberRoutes))
        {
            var expected = new List<(string Who, HttpClient Client, HttpStatusCode Status)>
            {
                ("nobody", nobody, HttpStatusCode.Unauthorized),
                ("stranger", stranger, HttpStatusCode.NotFound),
            };
            if (operatorRoutes.Contains(route))
            {
                expected.Add(("member", aMember, HttpStatusCode.Forbidden));
            }

            if (route.Path.Contains(planId, StringComparison.Ordinal) || route.Path.Contains(subscriptionId, StringComparison.Ordinal))
            {
                expected.Add(("another space's operator", otherOperator, HttpStatusCode.NotFound));
            }

            foreach (var (who, client, status) in expected)
            {
                var got = await CallAsync(client, route);
                if (got != status)
                {
                    failures.Add($"{route.Method} {route.Path} as {who}: {(int)got}, expected {(int)status}");
                }
            }
        }

        await ProblemAsync(aMember.GetAsync(new Uri($"/api/membership/subscriptions/{subscriptionId}", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
    }
}
