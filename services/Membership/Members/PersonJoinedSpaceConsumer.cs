using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts.People;
using Operators.Membership.Persistence;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Membership.Members;

/// <summary>
/// A person received their first roles in the space: with the <c>member</c> role they become a member. An erased
/// member stays erased unless the message was sent after the erasure (the space added them again).
/// </summary>
public sealed class PersonJoinedSpaceConsumer(
    MembershipDbContext db, Outbox<MembershipDbContext> outbox, TimeProvider clock, ILogger<PersonJoinedSpaceConsumer> logger)
    : IdempotentConsumer<PersonJoinedSpace, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<PersonJoinedSpace> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var member = await Db.Members.FirstOrDefaultAsync(x => x.Id == m.PersonId, context.CancellationToken);
        if (member is null)
        {
            if (!MemberRoles.IsMember(m.Roles))
            {
                return;
            }

            member = new Member { Id = m.PersonId, Email = m.Email, DisplayName = m.DisplayName, JoinedAt = Clock.GetUtcNow().UtcDateTime };
            Db.Members.Add(member);
            // Booking learns the name at once, with both opt-ins off until the member says yes.
            outbox.Publish(MemberEvents.Profile(member));
        }
        else if (member.Status == MemberStatus.Erased)
        {
            // A message sent before the erasure (late, or replayed) must not bring back the name and email; one sent
            // after it is the space adding the person again: a fresh member, nothing of the old record.
            if (context.WrittenAt() is not { } sent || member.ErasedAt is not { } erasedAt || sent <= erasedAt || !MemberRoles.IsMember(m.Roles))
            {
                return;
            }

            member.Email = m.Email;
            member.DisplayName = m.DisplayName;
            member.ErasedAt = null;
            member.JoinedAt = Clock.GetUtcNow().UtcDateTime;
            member.Version++;
            outbox.Publish(MemberEvents.Profile(member));
        }
        else
        {
            var renamed = member.DisplayName != m.DisplayName;
            var billing = renamed || member.Email != m.Email;
            member.Email = m.Email;
            member.DisplayName = m.DisplayName;
            if (billing)
            {
                member.Version++;
                MemberEvents.Publish(outbox, member, profile: renamed, billing: true);
            }
        }

        member.Status = MemberRoles.IsMember(m.Roles) ? MemberStatus.Active : MemberStatus.Left;
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class PersonJoinedSpaceConsumerDefinition : ServiceConsumerDefinition<PersonJoinedSpaceConsumer>;
