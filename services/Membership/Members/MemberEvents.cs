using Operators.Contracts.Membership;
using Operators.Membership.Persistence;
using Operators.Messaging;

namespace Operators.Membership.Members;

/// <summary>What other services learn of a member, published through the outbox with the change that caused it.</summary>
internal static class MemberEvents
{
    public static void Publish(Outbox<MembershipDbContext> outbox, Member member, bool profile, bool billing)
    {
        if (profile)
        {
            outbox.Publish(Profile(member));
        }

        if (billing)
        {
            outbox.Publish(new MemberBillingDetailsChanged(
                member.Id, member.Email, member.DisplayName, BillingResponse.Details(member.Billing, member.Email), member.CompanyId));
        }
    }

    public static MemberProfileChanged Profile(Member member) =>
        new(member.Id, member.DisplayName, member.DirectoryOptIn, member.PresenceOptIn);
}
