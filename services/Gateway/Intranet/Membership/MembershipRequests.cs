using System.Net;
using Microsoft.EntityFrameworkCore;
using Operators.Gateway.Email;
using Operators.ServiceDefaults.Email;
using Operators.Gateway.Persistence;
using Operators.Gateway.Spaces;
using Operators.ServiceDefaults.Security;

namespace Operators.Gateway.Intranet.Membership;

/// <summary>
/// A member's request to change plan or to leave, sent by email to the space's team (its owners and operators):
/// membership's lifecycle routes are the operators' (API.md), so the member asks and an operator acts on the
/// member's page. Written in French then English, like the account emails.
/// </summary>
public sealed class MembershipRequests(GatewayDbContext db, Mailer mailer)
{
    /// <summary>Sends the request to everyone on the team; answers how many people it went to.</summary>
    public async Task<int> SendAsync(SpaceRecord space, Guid memberId, string french, string english, string? message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(space);
        var member = await db.Users.AsNoTracking().Where(u => u.Id == memberId).Select(u => new { u.DisplayName, u.Email }).FirstAsync(ct);
        var team = await (
                from role in db.SpaceRoles.AsNoTracking()
                where role.SpaceId == space.Id && (role.Role == SpaceRoles.Owner || role.Role == SpaceRoles.Operator)
                join account in db.Users.AsNoTracking() on role.AccountId equals account.Id
                select new { account.Email, account.DisplayName })
            .Distinct()
            .ToListAsync(ct);

        var who = $"{member.DisplayName} <{member.Email}>";
        var note = string.IsNullOrWhiteSpace(message) ? "" : message.Trim();
        var text = $"{who} — {french}\n{note}\n\n—\n\n{who} — {english}\n{note}\n";
        var html = $"<p>{Encode(who)} — {Encode(french)}</p><blockquote>{Encode(note)}</blockquote><hr /><p lang=\"en\">{Encode(who)} — {Encode(english)}</p>";
        var subject = $"{space.Name} : demande de {member.DisplayName} / request from {member.DisplayName}";
        var sent = 0;
        foreach (var recipient in team.Where(t => !string.IsNullOrEmpty(t.Email)))
        {
            await mailer.SendAsync(new OutgoingEmail(recipient.Email!, recipient.DisplayName, subject, text, html), ct);
            sent++;
        }

        return sent;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br />", StringComparison.Ordinal);
}
