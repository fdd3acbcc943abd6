using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts.Membership;
using Operators.Membership.Directory;
using Operators.Membership.Persistence;
using Operators.Membership.Subscriptions;
using Operators.Messaging;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;

namespace Operators.Membership.Members;

/// <summary>A member's document, whole: PUT sends it back with the changes (anything missing is a 400, not a reset).</summary>
public sealed record MemberRequest(
    string? DisplayName,
    Guid? CompanyId,
    BillingInput? Billing,
    bool? DirectoryOptIn,
    bool? PresenceOptIn,
    string? Bio,
    List<string>? Skills,
    string? Offers,
    string? LooksFor,
    List<string>? Links);

public sealed record MemberResponse(
    string Id, string Email, string DisplayName, MemberStatus Status, string? CompanyId, BillingResponse? Billing,
    bool DirectoryOptIn, bool PresenceOptIn, string Bio, IReadOnlyList<string> Skills, string Offers, string LooksFor, IReadOnlyList<string> Links)
{
    public static MemberResponse From(Member m) =>
        new(m.Id.ToString(), m.Email, m.DisplayName, m.Status, m.CompanyId?.ToString(), BillingResponse.From(m.Billing),
            m.DirectoryOptIn, m.PresenceOptIn, m.Bio, m.Skills, m.Offers, m.LooksFor, m.Links);
}

public sealed record CompanyReference(string Id, string Name);

public sealed record PeriodResponse(DateOnly Start, DateOnly End);

/// <summary>A member's current subscription as the members list shows it; <c>currentPeriod.end</c> is exclusive (the next period's first day).</summary>
public sealed record SubscriptionSummary(string Id, SubscriptionStatus Status, string PlanName, PeriodResponse CurrentPeriod, DateOnly? NextRenewal)
{
    public static SubscriptionSummary From(Subscription s) =>
        new(s.Id.ToString(), s.Status, s.Terms.PlanName, new PeriodResponse(s.PeriodStart, s.PeriodEnd),
            s.Status == SubscriptionStatus.Active ? s.PeriodEnd : null);
}

public sealed record MemberListItem(
    string Id, string Email, string DisplayName, MemberStatus Status, CompanyReference? Company, BillingResponse? Billing, SubscriptionSummary? Subscription);

public sealed class MemberRequestValidator : AbstractValidator<MemberRequest>
{
    public const int MaxSkills = 20;
    public const int MaxLinks = 5;

    public MemberRequestValidator()
    {
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(120).PlainText();
        RuleFor(r => r.DirectoryOptIn).NotNull();
        RuleFor(r => r.PresenceOptIn).NotNull();
        RuleFor(r => r.Bio).NotNull().MaximumLength(2000).PlainText(multiline: true);
        RuleFor(r => r.Offers).NotNull().MaximumLength(1000).PlainText(multiline: true);
        RuleFor(r => r.LooksFor).NotNull().MaximumLength(1000).PlainText(multiline: true);
        RuleFor(r => r.Skills).NotNull().Must(s => s is null || s.Count <= MaxSkills).WithMessage($"At most {MaxSkills} skills.");
        RuleForEach(r => r.Skills).Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("A skill cannot be empty.").MaximumLength(40).PlainText();
        RuleFor(r => r.Links).NotNull().Must(l => l is null || l.Count <= MaxLinks).WithMessage($"At most {MaxLinks} links.");
        RuleForEach(r => r.Links).Must(IsWebAddress).WithMessage("A link is a full web address (https://…).").MaximumLength(500);
        RuleFor(r => r.Billing!).SetValidator(new BillingInputValidator()).When(r => r.Billing is not null);
    }

    private static bool IsWebAddress(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host) && !TextRules.HasControlCharacters(link!);
}

/// <summary>
/// <c>/members</c>: operators list, read and edit every member; a member reads and edits their own record (at its id or
/// at <c>/members/me</c>) and, to them, other members do not exist. Opt-ins are the member's alone to give; attaching to
/// a company is the operators'.
/// </summary>
public static class MembersApi
{
    private const string ConcurrentEdit = "The member was changed by someone else meanwhile: read it again and redo the change.";

    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members");
        members.MapGet("/", ListAsync).RequireSpaceRole(SpaceAccess.Operator, "Only operators list the members.");
        members.MapGet("/me", GetMeAsync).RequireSpaceRole(SpaceAccess.Member, "Only the space's people have a member record.");
        members.MapPut("/me", UpdateMeAsync).RequireSpaceRole(SpaceAccess.Member, "Only the space's people have a member record.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        members.MapGet("/{id:guid}", GetAsync).RequireSpaceRole(SpaceAccess.Member, "Only operators and the member read a member record.");
        members.MapPut("/{id:guid}", UpdateAsync).RequireSpaceRole(SpaceAccess.Member, "Only operators and the member edit a member record.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>Active members first, then those who left; erased ones never. <paramref name="search"/> looks in names, emails and company names.</summary>
    private static async Task<Ok<List<MemberListItem>>> ListAsync(MembershipDbContext db, string? search, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Where(m => m.Status != MemberStatus.Erased).ToListAsync(ct);
        var companies = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var running = await db.Subscriptions.AsNoTracking().Where(s => s.Status != SubscriptionStatus.Ended).ToListAsync(ct);
        var current = running.GroupBy(s => s.MemberId).ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Start).ThenByDescending(s => s.CreatedAt).First());
        var list = members
            .Select(m => (Member: m, Company: m.CompanyId is { } c && companies.TryGetValue(c, out var name) ? new CompanyReference(c.ToString(), name) : null))
            .Where(x => SearchText.Matches(search, x.Member.DisplayName, x.Member.Email, x.Company?.Name))
            .OrderBy(x => x.Member.Status == MemberStatus.Active ? 0 : 1)
            .ThenBy(x => x.Member.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(x => new MemberListItem(
                x.Member.Id.ToString(), x.Member.Email, x.Member.DisplayName, x.Member.Status, x.Company, BillingResponse.From(x.Member.Billing),
                current.TryGetValue(x.Member.Id, out var s) ? SubscriptionSummary.From(s) : null))
            .ToList();
        return TypedResults.Ok(list);
    }

    private static Task<Results<Ok<MemberResponse>, ProblemHttpResult>> GetMeAsync(Caller caller, MembershipDbContext db, CancellationToken ct) =>
        GetAsync(caller.Id!.Value, caller, db, ct);

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> GetAsync(Guid id, Caller caller, MembershipDbContext db, CancellationToken ct)
    {
        var member = await FindVisibleAsync(db.Members.AsNoTracking(), id, caller, ct);
        return member is null ? ProblemResults.NotFound() : TypedResults.Ok(MemberResponse.From(member));
    }

    private static Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> UpdateMeAsync(
        MemberRequest? request, Caller caller, IValidator<MemberRequest> validator, MembershipDbContext db, Outbox<MembershipDbContext> outbox, CancellationToken ct) =>
        UpdateAsync(caller.Id!.Value, request, caller, validator, db, outbox, ct);

    private static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, MemberRequest? request, Caller caller, IValidator<MemberRequest> validator, MembershipDbContext db, Outbox<MembershipDbContext> outbox, CancellationToken ct)
    {
        var member = await FindVisibleAsync(db.Members, id, caller, ct);
        if (member is null)
        {
            return ProblemResults.NotFound();
        }

        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var self = caller.Id == id;
        foreach (var (field, given, current) in new[] { ("directoryOptIn", request!.DirectoryOptIn!.Value, member.DirectoryOptIn), ("presenceOptIn", request.PresenceOptIn!.Value, member.PresenceOptIn) })
        {
            if (!self && given != current)
            {
                return ProblemResults.Denied(true, $"Only the member decides '{field}': it stays as they chose.");
            }
        }

        if (request.CompanyId != member.CompanyId)
        {
            if (!caller.IsOperator)
            {
                return ProblemResults.Denied(true, "Only operators attach a member to a company ('companyId').");
            }

            if (request.CompanyId is { } companyId && !await db.Companies.AnyAsync(c => c.Id == companyId, ct))
            {
                return ProblemResults.Validation("companyId", "No such company in this space.");
            }
        }

        var change = MemberChange.Apply(member, request);
        if (change.Any)
        {
            member.Version++;
            MemberEvents.Publish(outbox, member, change.Profile, change.Billing);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return ProblemResults.Conflict(ConcurrentEdit);
            }
        }

        return TypedResults.Ok(MemberResponse.From(member));
    }

    /// <summary>A member the caller may see: any (not erased) for operators, only themself for anyone else.</summary>
    private static Task<Member?> FindVisibleAsync(IQueryable<Member> members, Guid id, Caller caller, CancellationToken ct) =>
        caller.IsOperator || caller.Id == id
            ? members.FirstOrDefaultAsync(m => m.Id == id && m.Status != MemberStatus.Erased, ct)
            : Task.FromResult<Member?>(null);
}
