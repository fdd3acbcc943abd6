using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts.People;
using Operators.Membership.Persistence;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Membership.Members;

/// <summary>
/// A person's roles in the space changed. Gaining <c>member</c> makes (or makes again) a member; losing it keeps the
/// member's record as <see cref="MemberStatus.Left"/> for the history of their subscriptions: ending those is the
/// operator's decision, not a side effect of a role.
/// </summary>
public sealed class PersonRolesChangedConsumer(
    MembershipDbContext db, Outbox<MembershipDbContext> outbox, TimeProvider clock, ILogger<PersonRolesChangedConsumer> logger)
    : IdempotentConsumer<PersonRolesChanged, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<PersonRolesChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var member = await Db.Members.FirstOrDefaultAsync(x => x.Id == m.PersonId, context.CancellationToken);
        if (member is null)
        {
            // Someone already in the space (an operator, say) who now becomes a member: a grant carries who they are.
            if (!MemberRoles.IsMember(m.Roles) || m.Email is null || m.DisplayName is null)
            {
                return;
            }

            member = new Member { Id = m.PersonId, Email = m.Email, DisplayName = m.DisplayName, JoinedAt = Clock.GetUtcNow().UtcDateTime };
            Db.Members.Add(member);
            outbox.Publish(MemberEvents.Profile(member));
        }
        else if (member.Status == MemberStatus.Erased)
        {
            return;
        }

        member.Status = MemberRoles.IsMember(m.Roles) ? MemberStatus.Active : MemberStatus.Left;
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class PersonRolesChangedConsumerDefinition : ServiceConsumerDefinition<PersonRolesChangedConsumer>;

internal static class MemberRoles
{
    public static bool IsMember(IReadOnlyList<string> roles) => roles.Contains("member", StringComparer.Ordinal);
}
