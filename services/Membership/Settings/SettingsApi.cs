using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Membership.Persistence;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Membership.Settings;

/// <summary><c>{pauseAfterOverdueDays}</c>: pause a customer's subscriptions once an invoice is that many days overdue; null: never.</summary>
public sealed record MembershipSettingsDocument(int? PauseAfterOverdueDays);

public sealed class MembershipSettingsValidator : AbstractValidator<MembershipSettingsDocument>
{
    public MembershipSettingsValidator() =>
        RuleFor(s => s.PauseAfterOverdueDays).InclusiveBetween(1, 365).When(s => s.PauseAfterOverdueDays is not null);
}

/// <summary><c>/settings</c>: the space's membership settings (operators).</summary>
public static class SettingsApi
{
    private const string Denied = "Only operators read and change the membership settings.";

    public static RouteGroupBuilder MapMembershipSettings(this RouteGroupBuilder api)
    {
        api.MapGet("/settings", GetAsync).RequireSpaceRole(SpaceAccess.Operator, Denied);
        api.MapPut("/settings", PutAsync).RequireSpaceRole(SpaceAccess.Operator, Denied);
        return api;
    }

    private static async Task<Ok<MembershipSettingsDocument>> GetAsync(MembershipDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new MembershipSettingsDocument((await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct))?.PauseAfterOverdueDays));

    private static async Task<Results<Ok<MembershipSettingsDocument>, ValidationProblem>> PutAsync(
        MembershipSettingsDocument? document, IValidator<MembershipSettingsDocument> validator, MembershipDbContext db, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(document, ct) is { } invalid)
        {
            return invalid;
        }

        var settings = await db.Settings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new MembershipSettings();
            db.Settings.Add(settings);
        }

        settings.PauseAfterOverdueDays = document!.PauseAfterOverdueDays;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new MembershipSettingsDocument(settings.PauseAfterOverdueDays));
    }
}
