using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts.Billing;
using Operators.Membership.Persistence;
using Operators.Membership.Subscriptions;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Membership.Settings;

/// <summary>
/// An invoice is overdue: when the space chose to (<see cref="MembershipSettings.PauseAfterOverdueDays"/>) and it is
/// that late, the customer's active subscriptions pause — the member's own, or every seat the company pays for.
/// Dunning repeats the message: a paused subscription is not paused again.
/// </summary>
public sealed class InvoiceOverdueConsumer(
    MembershipDbContext db, MembershipCalendar calendar, SubscriptionRecorder recorder, TimeProvider clock, ILogger<InvoiceOverdueConsumer> logger)
    : IdempotentConsumer<InvoiceOverdue, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<InvoiceOverdue> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var ct = context.CancellationToken;
        var settings = await Db.Settings.AsNoTracking().FirstOrDefaultAsync(ct);
        if (settings?.PauseAfterOverdueDays is not { } after || m.DaysOverdue < after || (m.MemberId is null && m.CompanyId is null))
        {
            return;
        }

        var subscriptions = await Db.Subscriptions
            .Where(s => s.Status == SubscriptionStatus.Active
                && (m.CompanyId != null ? s.CompanyId == m.CompanyId : s.MemberId == m.MemberId && s.CompanyId == null))
            .ToListAsync(ct);
        var today = await calendar.TodayAsync(ct);
        var locale = (await calendar.SpaceAsync(ct)).Locale;
        foreach (var s in subscriptions)
        {
            // Tried on a copy first: a refusal must leave the tracked row untouched, or the inbox's save would store it.
            var trial = PauseSteps(SubscriptionLifecycle.Copy(s), today);
            if (await recorder.AlreadyChargedAsync(s.Id, trial, ct) is { } charged)
            {
                // Paused and resumed today already: another credit from today would break the ledger; an operator decides.
                Logger.LogWarning("Subscription {SubscriptionId} not paused for invoice {Number}: a charge {Charge} exists", s.Id, m.Number, charged);
                continue;
            }

            s.Version++;
            recorder.Record(s, PauseSteps(s, today), locale, calendar.UtcNow);
            Logger.LogInformation("Subscription {SubscriptionId} paused: invoice {Number} is {Days} days overdue", s.Id, m.Number, m.DaysOverdue);
        }
    }

    private static List<SubscriptionStep> PauseSteps(Subscription s, DateOnly today)
    {
        var steps = SubscriptionLifecycle.Renew(s, today);
        if (SubscriptionLifecycle.CannotPause(s) is null)
        {
            steps.Add(SubscriptionLifecycle.Pause(s, today));
        }

        return steps;
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class InvoiceOverdueConsumerDefinition : ServiceConsumerDefinition<InvoiceOverdueConsumer>;
