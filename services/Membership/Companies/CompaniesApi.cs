using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Contracts.Membership;
using Operators.Membership.Members;
using Operators.Membership.Persistence;
using Operators.Membership.Subscriptions;
using Operators.Messaging;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;

namespace Operators.Membership.Companies;

/// <summary>A company as clients send it; its billing identity is a business's unless <c>billing.isBusiness</c> says otherwise.</summary>
public sealed record CompanyRequest(string? Name, string? Email, BillingInput? Billing);

public sealed record CompanyMember(string Id, string DisplayName);

public sealed record CompanyResponse(string Id, string Name, string? Email, BillingResponse Billing, IReadOnlyList<CompanyMember> Members)
{
    public static CompanyResponse From(Company c, IEnumerable<Member> members) =>
        new(c.Id.ToString(), c.Name, c.Email, BillingResponse.From(c.Billing)!,
            members.OrderBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase).Select(m => new CompanyMember(m.Id.ToString(), m.DisplayName)).ToList());
}

public sealed class CompanyRequestValidator : AbstractValidator<CompanyRequest>
{
    public CompanyRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).PlainText();
        RuleFor(r => r.Email).MaximumLength(254).EmailAddress().PlainText().When(r => !string.IsNullOrEmpty(r.Email));
        RuleFor(r => r.Billing).NotNull();
        RuleFor(r => r.Billing!).SetValidator(new BillingInputValidator()).When(r => r.Billing is not null);
    }
}

/// <summary>
/// <c>/companies</c>, operators only: the companies that pay for their members (B2B). Billing learns each one through
/// <c>CompanyChanged</c>; a company still paying for someone cannot be deleted.
/// </summary>
public static class CompaniesApi
{
    private const string Denied = "Only operators manage companies.";

    public static RouteGroupBuilder MapCompanies(this RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/companies").RequireSpaceRole(SpaceAccess.Operator, Denied);
        companies.MapGet("/", ListAsync);
        companies.MapPost("/", CreateAsync);
        companies.MapGet("/{id:guid}", GetAsync);
        companies.MapPut("/{id:guid}", UpdateAsync).ProducesProblem(StatusCodes.Status409Conflict);
        companies.MapDelete("/{id:guid}", DeleteAsync).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<List<CompanyResponse>>> ListAsync(MembershipDbContext db, CancellationToken ct)
    {
        var companies = await db.Companies.AsNoTracking().ToListAsync(ct);
        var members = (await AttachedAsync(db, null, ct)).ToLookup(m => m.CompanyId);
        return TypedResults.Ok(companies.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).Select(c => CompanyResponse.From(c, members[c.Id])).ToList());
    }

    private static async Task<Results<Ok<CompanyResponse>, ProblemHttpResult>> GetAsync(Guid id, MembershipDbContext db, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return company is null ? ProblemResults.NotFound() : TypedResults.Ok(CompanyResponse.From(company, await AttachedAsync(db, id, ct)));
    }

    private static async Task<Results<Created<CompanyResponse>, ValidationProblem>> CreateAsync(
        CompanyRequest? request, IValidator<CompanyRequest> validator, MembershipDbContext db, Outbox<MembershipDbContext> outbox, TimeProvider clock,
        HttpRequest http, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var company = new Company
        {
            Id = Guid.CreateVersion7(),
            Name = request!.Name!.Trim(),
            Email = EmailOf(request),
            Billing = request.Billing!.ToIdentity(businessByDefault: true),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Companies.Add(company);
        outbox.Publish(Changed(company));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{http.PathBase}/api/membership/companies/{company.Id}", CompanyResponse.From(company, []));
    }

    private static async Task<Results<Ok<CompanyResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, CompanyRequest? request, IValidator<CompanyRequest> validator, MembershipDbContext db, Outbox<MembershipDbContext> outbox, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var company = await db.Companies.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (company is null)
        {
            return ProblemResults.NotFound();
        }

        var before = Changed(company);
        company.Name = request!.Name!.Trim();
        company.Email = EmailOf(request);
        MemberChange.CopyTo(request.Billing!.ToIdentity(businessByDefault: true), company.Billing);
        var after = Changed(company);
        if (before != after)
        {
            company.Version++;
            outbox.Publish(after);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return ProblemResults.Conflict("The company was changed by someone else meanwhile: read it again and redo the change.");
            }
        }

        return TypedResults.Ok(CompanyResponse.From(company, await AttachedAsync(db, id, ct)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, MembershipDbContext db, CancellationToken ct)
    {
        var company = await db.Companies.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (company is null)
        {
            return ProblemResults.NotFound();
        }

        if (await db.Members.AnyAsync(m => m.CompanyId == id && m.Status != MemberStatus.Erased, ct))
        {
            return ProblemResults.Conflict($"{company.Name} still has members attached: attach them elsewhere first.");
        }

        if (await db.Subscriptions.AnyAsync(s => s.CompanyId == id && s.Status != SubscriptionStatus.Ended, ct))
        {
            return ProblemResults.Conflict($"{company.Name} still pays for a subscription: end it or bill it to someone else first.");
        }

        db.Companies.Remove(company);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The members attached to one company, or to any when <paramref name="companyId"/> is null.</summary>
    private static Task<List<Member>> AttachedAsync(MembershipDbContext db, Guid? companyId, CancellationToken ct) =>
        db.Members.AsNoTracking()
            .Where(m => m.CompanyId != null && (companyId == null || m.CompanyId == companyId) && m.Status != MemberStatus.Erased)
            .ToListAsync(ct);

    private static string? EmailOf(CompanyRequest request) => string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();

    /// <summary>What billing is told; two equal ones (records, compared by value) mean billing would see no change.</summary>
    private static CompanyChanged Changed(Company company) =>
        new(company.Id, company.Name, BillingResponse.Details(company.Billing, company.Email)!);
}
