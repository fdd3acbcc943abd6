using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Membership.Members;
using Operators.Membership.Persistence;
using Operators.ServiceDefaults.Security;

namespace Operators.Membership.Directory;

/// <summary>A member as the directory shows them to the space's people: never an email or billing details.</summary>
public sealed record DirectoryEntry(
    string Id, string DisplayName, CompanyReference? Company, string Bio, IReadOnlyList<string> Skills, string Offers, string LooksFor, IReadOnlyList<string> Links);

/// <summary><c>/directory</c>: the active members who opted in, for the space's people to find each other.</summary>
public static class DirectoryApi
{
    public static RouteGroupBuilder MapDirectory(this RouteGroupBuilder api)
    {
        api.MapGet("/directory", ListAsync).RequireSpaceRole(SpaceAccess.Member, "Only the space's people see its directory.");
        return api;
    }

    /// <summary>
    /// <paramref name="skill"/> keeps those with a skill containing it; <paramref name="search"/> looks in names, company,
    /// bio, skills, offers and needs. Both ignore case and accents.
    /// </summary>
    private static async Task<Ok<List<DirectoryEntry>>> ListAsync(MembershipDbContext db, string? search, string? skill, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active && m.DirectoryOptIn).ToListAsync(ct);
        var companies = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var entries = members
            .Select(m => new DirectoryEntry(
                m.Id.ToString(), m.DisplayName,
                m.CompanyId is { } c && companies.TryGetValue(c, out var name) ? new CompanyReference(c.ToString(), name) : null,
                m.Bio, m.Skills, m.Offers, m.LooksFor, m.Links))
            .Where(e => string.IsNullOrWhiteSpace(skill) || e.Skills.Any(s => SearchText.Matches(skill, s)))
            .Where(e => SearchText.Matches(search, [e.DisplayName, e.Company?.Name, e.Bio, e.Offers, e.LooksFor, .. e.Skills]))
            .OrderBy(e => e.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return TypedResults.Ok(entries);
    }
}
