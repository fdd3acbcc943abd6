using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Booking.Allowances;

public sealed record AllowanceBalance(decimal Granted, decimal Used, decimal Left);

public sealed record AllowancesResponse(DateOnly? PeriodStart, DateOnly? PeriodEnd, AllowanceBalance DeskDays, AllowanceBalance RoomHours);

/// <summary><c>GET /allowances/me</c>: what is left of the current period's allowance.</summary>
public static class AllowancesApi
{
    public static RouteGroupBuilder MapAllowances(this RouteGroupBuilder api)
    {
        api.MapGet("/allowances/me", GetMineAsync).RequireSpaceRole(SpaceAccess.Member, "Only the space's members have allowances.");
        return api;
    }

    private static async Task<Results<Ok<AllowancesResponse>, ValidationProblem>> GetMineAsync(Caller caller, BookingDbContext db, SpaceCalendar calendar, DateOnly? date, CancellationToken ct)
    {
        if (DateLimits.Check("date", date) is { } outOfRange)
        {
            return outOfRange;
        }

        var day = date ?? await calendar.TodayAsync(ct);
        var periods = await db.AllowancePeriods.AsNoTracking()
            .Where(p => p.MemberId == caller.Id && p.PeriodStart <= day && day < p.PeriodEnd)
            .ToListAsync(ct);
        var current = periods.Where(p => p.Covers(day)).OrderByDescending(p => p.PeriodStart).FirstOrDefault();
        return TypedResults.Ok(current is null
            ? new AllowancesResponse(null, null, new AllowanceBalance(0, 0, 0), new AllowanceBalance(0, 0, 0))
            : new AllowancesResponse(
                current.PeriodStart,
                current.PeriodEnd,
                new AllowanceBalance(current.DeskDaysGranted, current.DeskDaysUsed, current.DeskDaysLeft),
                new AllowanceBalance(current.RoomHoursGranted, current.RoomHoursUsed, current.RoomHoursLeft)));
    }
}
