using Operators.Contracts.Membership;
using Operators.Membership.Subscriptions;

namespace Operators.Membership.Tests.Rules;

/// <summary>
/// The subscription rules on their own, in process, with fixed dates: activation, renewals caught up, upgrade and
/// downgrade mid-period, pause and resume across a period end, cancellation with and without commitment left.
/// </summary>
public sealed class SubscriptionLifecycleTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static PlanTerms Plan(string name, decimal price, int commitment = 0, decimal setupFee = 0, int deskDays = 8) => new()
    {
        PlanId = Guid.NewGuid(), PlanName = name, MonthlyPrice = price, Currency = "EUR", VatRate = 20m,
        SetupFee = setupFee, CommitmentMonths = commitment, DeskDays = deskDays, RoomHours = 4m,
    };

    private static readonly PlanTerms Nomade = Plan("Nomade", 100m);
    private static readonly PlanTerms Resident = Plan("Résident", 250m, deskDays: 20);

    private static Subscription Started(string start, PlanTerms? terms, out ActivatedStep activated)
    {
        var s = new Subscription { Id = Guid.NewGuid(), MemberId = Guid.NewGuid(), Terms = PlanTermsCopy.Of(terms ?? Nomade), Start = D(start) };
        activated = SubscriptionLifecycle.Activate(s);
        return s;
    }

    private static Subscription Started(string start, PlanTerms? terms = null) => Started(start, terms, out _);

    private static (string Kind, decimal Amount, string From, string To)[] Charges(params SubscriptionStep[] steps) =>
        [.. steps.SelectMany(s => s.Charges).Select(c => (c.Kind, c.Amount, Iso(c.Span.Start), Iso(c.Span.End)))];

    [Test]
    public void Activation_on_the_31st_charges_the_first_period_and_the_setup_fee_once()
    {
        var s = Started("2027-01-31", Plan("Nomade", 100m, commitment: 3, setupFee: 50m), out var activated);
        Assert.Multiple(() =>
        {
            Assert.That(activated.Period, Is.EqualTo(new DaySpan(D("2027-01-31"), D("2027-02-28"))));
            Assert.That(Charges(activated), Is.EqualTo(new[]
            {
                (MembershipChargeKinds.Period, 100m, "2027-01-31", "2027-02-28"),
                (MembershipChargeKinds.SetupFee, 50m, "2027-01-31", "2027-02-28"),
            }));
            Assert.That(s.CommitmentEndsOn, Is.EqualTo(D("2027-04-30")));
            Assert.That(s.Status, Is.EqualTo(SubscriptionStatus.Active));
        });
    }

    [Test]
    public void Renewal_catches_up_every_missed_period_once_and_a_second_run_the_same_day_does_nothing()
    {
        var s = Started("2027-01-31");
        var first = SubscriptionLifecycle.Renew(s, D("2027-05-01"));
        var second = SubscriptionLifecycle.Renew(s, D("2027-05-01"));
        Assert.Multiple(() =>
        {
            Assert.That(first.OfType<RenewedStep>().Select(r => r.Period.Start), Is.EqualTo(new[] { D("2027-02-28"), D("2027-03-31"), D("2027-04-30") }));
            Assert.That(Charges([.. first]).Select(c => c.Amount), Is.EqualTo(new[] { 100m, 100m, 100m }));
            Assert.That(second, Is.Empty);
            Assert.That((s.PeriodStart, s.PeriodEnd), Is.EqualTo((D("2027-04-30"), D("2027-05-31"))));
        });
    }

    [Test]
    public void A_subscription_started_on_29_February_renews_on_the_28th_in_common_years_and_the_29th_again_in_leap_years()
    {
        var s = Started("2028-02-29");
        var steps = SubscriptionLifecycle.Renew(s, D("2032-02-29"));
        var starts = steps.OfType<RenewedStep>().Select(r => r.Period.Start).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(starts, Has.Count.EqualTo(48));
            Assert.That(starts, Does.Contain(D("2029-02-28")).And.Contain(D("2029-03-29")).And.Contain(D("2032-02-29")));
            Assert.That(starts.Distinct().Count(), Is.EqualTo(48));
        });
    }

    [Test]
    public void An_upgrade_mid_period_credits_the_old_plan_s_unused_days_and_charges_the_new_plan_for_them()
    {
        var s = Started("2027-01-31");
        var steps = SubscriptionLifecycle.Change(s, PlanTermsCopy.Of(Resident), D("2027-02-14"));
        var changed = steps.OfType<ChangedStep>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(Charges([.. steps]), Is.EqualTo(new[]
            {
                (MembershipChargeKinds.ProrationCredit, -50m, "2027-02-14", "2027-02-28"),
                (MembershipChargeKinds.ProrationCharge, 125m, "2027-02-14", "2027-02-28"),
            }));
            Assert.That(changed.EffectiveOn, Is.EqualTo(D("2027-02-14")));
            Assert.That(changed.Terms.DeskDays, Is.EqualTo(20));
            Assert.That(steps.SelectMany(x => x.Charges).First().Terms.PlanName, Is.EqualTo("Nomade"), "the credit is for the old plan");
            Assert.That(s.Terms.PlanName, Is.EqualTo("Résident"));
        });
    }

    [Test]
    public void A_downgrade_mid_period_charges_nothing_and_the_renewal_applies_it_with_a_change_and_no_setup_fee()
    {
        var s = Started("2027-01-31", Plan("Résident", 250m, setupFee: 80m));
        var asked = SubscriptionLifecycle.Change(s, PlanTermsCopy.Of(Nomade), D("2027-02-14"));
        var renewed = SubscriptionLifecycle.Renew(s, D("2027-02-28"));
        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.Empty);
            Assert.That(renewed.Select(r => r.GetType()), Is.EqualTo(new[] { typeof(RenewedStep), typeof(ChangedStep) }));
            Assert.That(Charges([.. renewed]), Is.EqualTo(new[] { (MembershipChargeKinds.Period, 100m, "2027-02-28", "2027-03-31") }));
            Assert.That(((RenewedStep)renewed[0]).Terms.PlanName, Is.EqualTo("Nomade"));
            Assert.That(((ChangedStep)renewed[1]).EffectiveOn, Is.EqualTo(D("2027-02-28")));
            Assert.That(s.PendingTerms, Is.Null);
        });
    }

    [Test]
    public void Asking_for_the_current_plan_again_drops_a_pending_downgrade()
    {
        var s = Started("2027-01-31", Resident);
        SubscriptionLifecycle.Change(s, PlanTermsCopy.Of(Nomade), D("2027-02-14"));
        var back = SubscriptionLifecycle.Change(s, PlanTermsCopy.Of(s.Terms), D("2027-02-15"));
        Assert.Multiple(() =>
        {
            Assert.That(back, Is.Empty);
            Assert.That(s.PendingTerms, Is.Null);
            Assert.That(SubscriptionLifecycle.CannotChange(s, s.Terms), Does.Contain("already on"));
        });
    }

    [Test]
    public void Pause_and_resume_across_a_period_end_credit_the_unused_days_skip_the_renewal_and_restart_periods_on_the_resume_day()
    {
        var s = Started("2027-01-31", Plan("Nomade", 100m, commitment: 6));
        var paused = SubscriptionLifecycle.Pause(s, D("2027-02-20"));
        var whilePaused = SubscriptionLifecycle.Renew(s, D("2027-03-10"));
        var resumed = SubscriptionLifecycle.Resume(s, D("2027-03-10"));
        var next = SubscriptionLifecycle.Renew(s, D("2027-04-10"));
        Assert.Multiple(() =>
        {
            Assert.That(Charges(paused), Is.EqualTo(new[] { (MembershipChargeKinds.ProrationCredit, -28.57m, "2027-02-20", "2027-02-28") }));
            Assert.That(whilePaused, Is.Empty);
            Assert.That(Charges([.. resumed]), Is.EqualTo(new[] { (MembershipChargeKinds.Period, 100m, "2027-03-10", "2027-04-10") }));
            Assert.That(s.CommitmentEndsOn, Is.EqualTo(D("2027-07-31").AddDays(18)), "18 days paused");
            Assert.That(Charges([.. next]), Is.EqualTo(new[] { (MembershipChargeKinds.Period, 100m, "2027-04-10", "2027-05-10") }));
        });
    }

    [Test]
    public void A_commitment_already_over_when_paused_is_not_brought_back_by_the_pause()
    {
        var s = Started("2027-01-31", Plan("Nomade", 100m, commitment: 1));
        SubscriptionLifecycle.Renew(s, D("2027-03-05"));
        SubscriptionLifecycle.Pause(s, D("2027-03-05"));
        SubscriptionLifecycle.Resume(s, D("2027-04-20"));
        Assert.That(s.CommitmentEndsOn, Is.EqualTo(D("2027-02-28")));
    }

    [Test]
    public void Cancelling_now_with_commitment_left_charges_the_rest_of_the_commitment_period_by_period()
    {
        var s = Started("2027-01-31", Plan("Nomade", 100m, commitment: 3));
        var ended = SubscriptionLifecycle.Cancel(s, atPeriodEnd: false, D("2027-02-14"));
        Assert.Multiple(() =>
        {
            Assert.That(ended, Is.TypeOf<EndedStep>());
            Assert.That(Charges(ended), Is.EqualTo(new[]
            {
                (MembershipChargeKinds.Commitment, 100m, "2027-02-28", "2027-03-31"),
                (MembershipChargeKinds.Commitment, 100m, "2027-03-31", "2027-04-30"),
            }));
            Assert.That((s.Status, s.EndedOn), Is.EqualTo((SubscriptionStatus.Ended, (DateOnly?)D("2027-02-14"))));
        });
    }

    [Test]
    public void Cancelling_now_without_commitment_left_credits_the_unused_days()
    {
        var s = Started("2027-01-31");
        var ended = SubscriptionLifecycle.Cancel(s, atPeriodEnd: false, D("2027-02-14"));
        Assert.That(Charges(ended), Is.EqualTo(new[] { (MembershipChargeKinds.ProrationCredit, -50m, "2027-02-14", "2027-02-28") }));
    }

    [Test]
    public void A_longer_commitment_of_an_upgraded_plan_counts_from_the_subscription_s_start()
    {
        var s = Started("2027-01-15", Plan("Nomade", 100m, commitment: 1));
        SubscriptionLifecycle.Renew(s, D("2027-02-15"));
        SubscriptionLifecycle.Change(s, PlanTermsCopy.Of(Plan("Plus", 120m, commitment: 2)), D("2027-02-20"));
        Assert.That(s.CommitmentEndsOn, Is.EqualTo(D("2027-03-15")));
    }

    [Test]
    public void Cancelling_now_when_the_commitment_ends_inside_the_period_credits_only_the_days_after_it()
    {
        var s = Started("2027-01-31", Plan("Nomade", 100m, commitment: 3));
        SubscriptionLifecycle.Pause(s, D("2027-02-20"));
        SubscriptionLifecycle.Resume(s, D("2027-03-10"));
        SubscriptionLifecycle.Renew(s, D("2027-05-12"));
        var ended = SubscriptionLifecycle.Cancel(s, atPeriodEnd: false, D("2027-05-12"));
        Assert.Multiple(() =>
        {
            Assert.That(s.CommitmentEndsOn, Is.EqualTo(D("2027-05-18")));
            Assert.That(Charges(ended), Is.EqualTo(new[] { (MembershipChargeKinds.ProrationCredit, -74.19m, "2027-05-18", "2027-06-10") }));
        });
    }

    [Test]
    public void Cancelling_at_period_end_with_commitment_left_charges_it_now_and_ends_on_the_period_s_end()
    {
        var s = Started("2027-01-31", Plan("Nomade", 100m, commitment: 3));
        var cancelling = SubscriptionLifecycle.Cancel(s, atPeriodEnd: true, D("2027-02-14"));
        var before = SubscriptionLifecycle.Renew(s, D("2027-02-27"));
        var end = SubscriptionLifecycle.Renew(s, D("2027-02-28"));
        Assert.Multiple(() =>
        {
            Assert.That(cancelling, Is.TypeOf<CancellingStep>());
            Assert.That(((CancellingStep)cancelling).EndsOn, Is.EqualTo(D("2027-02-28")));
            Assert.That(Charges(cancelling).Select(c => c.Kind), Is.EqualTo(new[] { MembershipChargeKinds.Commitment, MembershipChargeKinds.Commitment }));
            Assert.That(before, Is.Empty);
            Assert.That(end.Cast<EndedStep>().Select(e => (e.EndedOn, e.Charges.Count)), Is.EqualTo(new[] { (D("2027-02-28"), 0) }));
            Assert.That(s.Status, Is.EqualTo(SubscriptionStatus.Ended));
        });
    }

    [Test]
    public void Cancelling_at_period_end_without_commitment_charges_nothing_more()
    {
        var s = Started("2027-01-31");
        Assert.That(SubscriptionLifecycle.Cancel(s, atPeriodEnd: true, D("2027-02-14")).Charges, Is.Empty);
    }

    [Test]
    public void Cancelling_a_paused_subscription_charges_only_the_commitment_left_when_it_paused()
    {
        var s = Started("2027-01-31", Plan("Nomade", 100m, commitment: 3));
        SubscriptionLifecycle.Pause(s, D("2027-02-20"));
        var ended = SubscriptionLifecycle.Cancel(s, atPeriodEnd: false, D("2027-03-10"));
        // 69 days were left (20 February → 30 April): owed from 10 March to 18 May, in periods counted from 10 March.
        Assert.That(Charges(ended), Is.EqualTo(new[]
        {
            (MembershipChargeKinds.Commitment, 100m, "2027-03-10", "2027-04-10"),
            (MembershipChargeKinds.Commitment, 100m, "2027-04-10", "2027-05-10"),
            (MembershipChargeKinds.Commitment, 25.81m, "2027-05-10", "2027-05-18"),
        }));
    }

    [TestCase(SubscriptionStatus.Active)]
    [TestCase(SubscriptionStatus.Paused)]
    [TestCase(SubscriptionStatus.Cancelling)]
    [TestCase(SubscriptionStatus.Ended)]
    public void Invalid_moves_are_refused_with_a_reason(SubscriptionStatus status)
    {
        var s = Started("2027-01-31");
        s.Status = status;
        Assert.Multiple(() =>
        {
            Assert.That(SubscriptionLifecycle.CannotPause(s) is not null, Is.EqualTo(status != SubscriptionStatus.Active));
            Assert.That(SubscriptionLifecycle.CannotResume(s) is not null, Is.EqualTo(status != SubscriptionStatus.Paused));
            Assert.That(SubscriptionLifecycle.CannotCancel(s, atPeriodEnd: true) is not null, Is.EqualTo(status != SubscriptionStatus.Active));
            Assert.That(SubscriptionLifecycle.CannotCancel(s, atPeriodEnd: false) is not null, Is.EqualTo(status == SubscriptionStatus.Ended));
            Assert.That(SubscriptionLifecycle.CannotChange(s, PlanTermsCopy.Of(Resident)) is not null, Is.EqualTo(status != SubscriptionStatus.Active));
        });
    }

    [Test]
    public void Charge_descriptions_speak_the_space_s_language_and_show_the_last_day_inclusive()
    {
        var line = new ChargeLine(MembershipChargeKinds.Period, 100m, new DaySpan(D("2027-01-31"), D("2027-02-28")), Nomade);
        Assert.Multiple(() =>
        {
            Assert.That(ChargeDescriptions.Describe(line, "fr-FR"), Is.EqualTo("Abonnement Nomade — du 31/01/2027 au 27/02/2027"));
            Assert.That(ChargeDescriptions.Describe(line, "en-GB"), Is.EqualTo("Nomade membership — 31/01/2027 to 27/02/2027"));
        });
    }
}
