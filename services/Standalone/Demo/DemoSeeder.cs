using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Operators.Gateway.Accounts;
using Operators.Gateway.Intranet;

namespace Operators.Standalone.Demo;

/// <summary>
/// <c>--demo</c>: on first start, seeds the demo space of API.md from the built-in <c>rural-tiers-lieu</c> template so
/// every page has something to show. Accounts are created confirmed (there is nobody to click the emails); the space,
/// roles, opening hours, resources, plans, the agency, members' profiles, subscriptions, bookings, the event and the
/// month's invoices go through the public API like any client's.
/// </summary>
internal sealed class DemoSeeder(
    IServiceScopeFactory scopes,
    ApiAddress address,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    public const string Slug = "demo";

    private static readonly (string Email, string Name, string? Role)[] People =
    [
        ("owner@demo.test", "Odile Martin", "owner"),
        ("operator@demo.test", "Olivier Bernard", "operator"),
        ("treasurer@demo.test", "Thérèse Petit", "treasurer"),
        ("member@demo.test", "Mathis Durand", "member"),
        ("camille@demo.test", "Camille Leroy", "member"),
        ("lea@demo.test", "Léa Moreau", "member"),
        ("karim@demo.test", "Karim Benali", "member"),
        ("hugo@demo.test", "Hugo Girard", "member"),
        ("ines@demo.test", "Inès Faure", "member"),
        ("jules@demo.test", "Jules Roux", "member"),
    ];

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    private static readonly string[] OpenSpaceAmenities = ["wifi", "café"];
    private static readonly string[] WindowDeskAmenities = ["écran"];
    private static readonly string[] LavoirAmenities = ["projecteur"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var marker = Path.Combine(configuration["Data:Path"]!, "demo-seeded");
        if (File.Exists(marker))
        {
            return;
        }

        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        try
        {
            await SeedAsync(stoppingToken);
            await File.WriteAllTextAsync(marker, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), stoppingToken);
            logger.LogInformation("Demo space seeded: open {Url}s/{Slug}/ and sign in as member@demo.test", address.Get(), Slug);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
        {
            logger.LogError(e, "Seeding the demo space failed; it will be tried again at the next start");
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await Task.WhenAny(started.Task, Task.Delay(Timeout.Infinite, ct));
        return started.Task.IsCompleted;
    }

    private async Task SeedAsync(CancellationToken ct)
    {
        var password = configuration["Demo:Password"]!;
        await CreateAccountsAsync(password);

        using var http = new HttpClient { BaseAddress = address.Get(), Timeout = TimeSpan.FromSeconds(60) };
        await SignInAsync(http, "admin@demo.test", password, ct);
        var created = await http.PostAsJsonAsync("/api/spaces", new
        {
            slug = Slug,
            name = "La Grange Numérique",
            template = "rural-tiers-lieu",
            town = "Saint-Affrique",
            description = "Tiers-lieu rural : coworking, salles de réunion et café associatif.",
            owner = new { email = "owner@demo.test", displayName = "Odile Martin" },
        }, ct);
        if (created.StatusCode != HttpStatusCode.Conflict)
        {
            await Expect(created, ct);
        }

        await WaitActiveAsync(http, ct);
        var ids = new Dictionary<string, string>();
        foreach (var (email, name, role) in People.Where(p => p.Role is not null && p.Role != "owner"))
        {
            var person = await Expect(await http.PostAsJsonAsync($"/s/{Slug}/api/space/people", new { email, displayName = name, roles = new[] { role } }, ct), ct);
            ids[email] = person["id"]!.GetValue<string>();
        }

        await SignInAsync(http, "owner@demo.test", password, ct);
        await Expect(await http.PutAsJsonAsync($"/s/{Slug}/api/booking/opening-hours", new
        {
            weekly = Weekdays
                .Select(day => new { day, open = "08:30", close = "18:30" })
                .Append(new { day = "saturday", open = "09:00", close = "13:00" }),
            closures = new[] { new { date = NextWeekday(DayOfWeek.Monday, 14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reason = "Fête du village" } },
        }, ct), ct);

        var pool = await CreateResourceAsync(http, new { name = "Open space", kind = "desk-pool", capacity = 10, pricePerDay = 15m, bookableBy = "everyone", amenities = OpenSpaceAmenities }, ct);
        await CreateResourceAsync(http, new { name = "Bureau fenêtre", kind = "desk", capacity = 1, pricePerDay = 20m, bookableBy = "members", amenities = WindowDeskAmenities }, ct);
        await CreateResourceAsync(http, new { name = "Bureau du fond", kind = "desk", capacity = 1, pricePerDay = 18m, bookableBy = "members" }, ct);
        var lavoir = await CreateResourceAsync(http, new { name = "Salle du Lavoir", kind = "room", capacity = 8, pricePerHour = 25m, bookableBy = "members", amenities = LavoirAmenities }, ct);
        await CreateResourceAsync(http, new { name = "Salle de la Grange", kind = "room", capacity = 16, pricePerHour = 35m, bookableBy = "everyone" }, ct);

        // Plans, the agency and subscriptions before the bookings, so that members book with their allowance.
        await SignInAsync(http, "operator@demo.test", password, ct);
        await DemoMembership.SeedAsync(
            http, Slug, ids, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), email => SignInAsync(http, email, password, ct), "operator@demo.test", ct);

        // Some of the week's comings and goings, booked by the operator for the members.
        foreach (var (email, offset) in new[] { ("camille@demo.test", 1), ("lea@demo.test", 1), ("camille@demo.test", 2), ("member@demo.test", 3), ("lea@demo.test", 4) })
        {
            await Expect(await http.PostAsJsonAsync($"/s/{Slug}/api/booking/bookings", new { resourceId = pool, date = Weekday(offset), memberId = ids[email] }, ct), ct);
        }

        var eventDay = DateOnly.ParseExact(Weekday(3), "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 30));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        await Expect(await http.PostAsJsonAsync($"/s/{Slug}/api/booking/events", new
        {
            title = "Déjeuner partagé",
            description = "Chacun apporte un plat ; on parle des projets du mois.",
            start = new DateTimeOffset(eventDay, zone.GetUtcOffset(eventDay)),
            end = new DateTimeOffset(eventDay.AddHours(1.5), zone.GetUtcOffset(eventDay)),
            roomId = lavoir,
            capacity = 8,
        }, ct), ct);

        // Last, the month's invoices: billing learns of the members, the agency and their billing details from membership's events.
        await SignInAsync(http, "treasurer@demo.test", password, ct);
        await DemoBilling.SeedAsync(http, Slug, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
    }

    private async Task CreateAccountsAsync(string password)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        foreach (var (email, name, _) in People.Prepend(("admin@demo.test", "Admin du réseau", null)))
        {
            var account = await users.FindByEmailAsync(email);
            if (account is null)
            {
                account = new Account { Id = Guid.CreateVersion7(), UserName = email, Email = email, DisplayName = name, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
                Check(await users.CreateAsync(account, password), $"create {email}");
            }
        }

        var admin = (await users.FindByEmailAsync("admin@demo.test"))!;
        if (!await users.IsInRoleAsync(admin, NetworkRoles.NetworkAdmin))
        {
            Check(await users.AddToRoleAsync(admin, NetworkRoles.NetworkAdmin), "make admin@demo.test a network admin");
        }
    }

    private static async Task SignInAsync(HttpClient http, string email, string password, CancellationToken ct)
    {
        http.DefaultRequestHeaders.Authorization = null;
        var token = await Expect(await http.PostAsJsonAsync("/auth/token", new { email, password }, ct), ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
    }

    private static async Task WaitActiveAsync(HttpClient http, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var status = await Expect(await http.GetAsync(new Uri($"/api/spaces/{Slug}", UriKind.Relative), ct), ct);
            switch (status["status"]!.GetValue<string>())
            {
                case "active":
                    return;
                case "failed":
                    throw new InvalidOperationException("The demo space failed to provision: " + status["failureReason"]);
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException("The demo space was not provisioned within a minute.");
    }

    private static async Task<string> CreateResourceAsync(HttpClient http, object resource, CancellationToken ct) =>
        (await Expect(await http.PostAsJsonAsync($"/s/{Slug}/api/booking/resources", resource, ct), ct))["id"]!.GetValue<string>();

    private static async Task<JsonObject> Expect(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
            }

            return body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? [];
        }
    }

    private DateOnly NextWeekday(DayOfWeek weekday, int atLeastDaysAhead)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(atLeastDaysAhead);
        while (today.DayOfWeek != weekday)
        {
            today = today.AddDays(1);
        }

        return today;
    }

    /// <summary>The n-th open weekday (Monday–Friday) from tomorrow, as yyyy-MM-dd.</summary>
    private string Weekday(int n)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var found = 0;
        while (found < n)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                found++;
            }
        }

        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
