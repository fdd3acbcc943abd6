using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts.People;
using Operators.Membership.Persistence;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Membership.Members;

/// <summary>A person received their first roles in the space: with the <c>member</c> role they become a member.</summary>
public sealed class PersonJoinedSpaceConsumer(MembershipDbContext db, TimeProvider clock, ILogger<PersonJoinedSpaceConsumer> logger)
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
        }
        else if (member.Status == MemberStatus.Erased)
        {
            // An erased person keeps nothing here; joining again is told through roles only.
            return;
        }
        else
        {
            member.Email = m.Email;
            member.DisplayName = m.DisplayName;
        }

        member.Status = MemberRoles.IsMember(m.Roles) ? MemberStatus.Active : MemberStatus.Left;
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class PersonJoinedSpaceConsumerDefinition : ServiceConsumerDefinition<PersonJoinedSpaceConsumer>;
