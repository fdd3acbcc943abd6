using Microsoft.EntityFrameworkCore;
using Operators.Contracts.Membership;
using Operators.Membership.Members;
using Operators.Membership.Persistence;
using Operators.Membership.Subscriptions;
using Operators.Messaging;

namespace Operators.Membership.Privacy;

/// <summary>
/// GDPR erasure (art. 17) of one member, in one transaction: their running subscriptions brought up to date and
/// cancelled today under the usual rules (the unused days credited, or what the commitment still requires charged:
/// a contract's debts outlive the person's data), nothing personal left in their row, then <c>MemberErased</c> so that
/// every other service anonymises its part. Subscription and charge rows stay: amounts and periods are accounting
/// facts and carry no name. Erasing an erased member does nothing.
/// </summary>
public sealed class MemberErasure(MembershipDbContext db, Outbox<MembershipDbContext> outbox, MembershipCalendar date, SubscriptionRecorder recorder)
{
    public const string ErasedName = "Membre effacé";

    public static string ErasedEmail(Guid id) => $"erased-{id:N}@invalid";

    /// <summary>False for a person membership never knew; true once they are erased (now or before).</summary>
    public async Task<bool> EraseAsync(Guid id, CancellationToken ct)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null)
        {
            return false;
        }

        if (member.Status == MemberStatus.Erased)
        {
            return true;
        }

        var today = await date.TodayAsync(ct);
        var locale = (await date.SpaceAsync(ct)).Locale;
        var running = await db.Subscriptions.Where(s => s.MemberId == id && s.Status != SubscriptionStatus.Ended).ToListAsync(ct);
        foreach (var subscription in running)
        {
            var steps = SubscriptionLifecycle.Renew(subscription, today);
            steps.Add(SubscriptionLifecycle.Cancel(subscription, atPeriodEnd: false, today));
            subscription.Version++;
            recorder.Record(subscription, steps, locale, date.UtcNow);
        }

        var now = date.UtcNow;
        await outbox.ForgetSentAboutAsync(id, ct);
        Anonymise(member, now);
        outbox.Publish(new MemberErased(id, new DateTimeOffset(now, TimeSpan.Zero)));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static void Anonymise(Member member, DateTime now)
    {
        member.DisplayName = ErasedName;
        member.Email = ErasedEmail(member.Id);
        member.Billing = null;
        member.CompanyId = null;
        member.DirectoryOptIn = false;
        member.PresenceOptIn = false;
        member.Bio = "";
        member.Skills = [];
        member.Offers = "";
        member.LooksFor = "";
        member.Links = [];
        member.Status = MemberStatus.Erased;
        member.ErasedAt = now;
        member.Version++;
    }
}
