using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Operators.Gateway.People;
using Operators.Gateway.Persistence;
using Operators.Gateway.Spaces;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy;

namespace Operators.Gateway.Intranet;

/// <summary>
/// Who is looking at which space, in which language: the space (theme, time zone, culture), the signed-in person
/// and their roles there, and the formatting every page uses. One per request.
/// </summary>
public sealed class IntranetSession(IHttpContextAccessor accessor, ITenantContext tenants, GatewayDbContext db, SpacePeople people)
{
    public const string LanguageCookie = "operators.lang";

    private bool loaded;

    public SpaceRecord? Space { get; private set; }

    public Guid? AccountId { get; private set; }

    public string DisplayName { get; private set; } = "";

    public Caller Caller { get; private set; } = new(null, new HashSet<string>());

    public string Language { get; private set; } = "fr";

    public CultureInfo Culture { get; private set; } = CultureInfo.GetCultureInfo("fr-FR");

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool IsSignedIn => AccountId is not null;

    /// <summary>Holds any role in this space (or is a network admin).</summary>
    public bool IsPerson => Caller.IsMember || Caller.IsOwner || Caller.Roles.Contains(SpaceRoles.Treasurer);

    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (loaded)
        {
            return;
        }

        loaded = true;
        var http = accessor.HttpContext ?? throw new InvalidOperationException("The intranet renders within a request.");
        if (tenants.TenantId is { } spaceId)
        {
            Space = await db.Spaces.AsNoTracking().FirstOrDefaultAsync(s => s.Id == spaceId, ct);
            Zone = TimeZoneInfo.TryFindSystemTimeZoneById(Space?.TimeZone ?? "UTC", out var zone) ? zone : TimeZoneInfo.Utc;
        }

        AccountId = PersonClaims.IdOf(http.User);
        if (AccountId is { } id)
        {
            var account = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(ct);
            DisplayName = account?.DisplayName is { Length: > 0 } name ? name : account?.Email ?? "";
            if (Space is not null)
            {
                Caller = await people.CallerAsync(http.User, Space.Id, ct);
                if (Caller.Roles.Any(r => r != SpaceRoles.NetworkAdmin))
                {
                    // Coming to a space signed in joins it: from now on it sees the name the person chose.
                    await people.JoinAsync(Space.Id, id, ct);
                }
            }
            else
            {
                Caller = new Caller(id, PersonClaims.IsNetworkAdmin(http.User) ? new HashSet<string> { SpaceRoles.NetworkAdmin } : new HashSet<string>());
            }
        }

        Language = ChooseLanguage(http, Space?.Locale);
        Culture = CultureFor(Language, Space?.Locale);
        if (http.Request.Cookies.ContainsKey(FormExpiredCookie))
        {
            FormExpired = true;
            http.Response.Cookies.Delete(FormExpiredCookie, new CookieOptions { Path = "/" });
        }
    }

    /// <summary>Set for one page view when the person's last form came back refused as stale (see <see cref="IntranetModule"/>).</summary>
    public bool FormExpired { get; private set; }

    public const string FormExpiredCookie = "operators.form-expired";

    /// <summary>The chosen language (cookie), else the space's, else the browser's first of fr/en, else French.</summary>
    public static string ChooseLanguage(HttpContext http, string? spaceLocale)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies[LanguageCookie] is "fr" or "en")
        {
            return http.Request.Cookies[LanguageCookie]!;
        }

        if (spaceLocale is not null)
        {
            return spaceLocale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr";
        }

        var accept = http.Request.Headers.AcceptLanguage.ToString();
        var fr = accept.IndexOf("fr", StringComparison.OrdinalIgnoreCase);
        var en = accept.IndexOf("en", StringComparison.OrdinalIgnoreCase);
        return en >= 0 && (fr < 0 || en < fr) ? "en" : "fr";
    }

    /// <summary>The language with the space's region (en-FR: English words, euros and the French calendar), when the system knows it.</summary>
    public static CultureInfo CultureFor(string language, string? spaceLocale)
    {
        var region = spaceLocale?.Split('-') is [_, var r] ? r : null;
        foreach (var name in new[] { region is null ? null : $"{language}-{region}", language == "fr" ? "fr-FR" : "en-GB" })
        {
            if (name is null)
            {
                continue;
            }

            try
            {
                return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                // Try the next one.
            }
        }

        return CultureInfo.InvariantCulture;
    }

    public string T(string english) => Texts.Translate(english, Language);

    /// <summary>A resource kind of the API (<c>desk-pool</c>, ...) in the reader's words.</summary>
    public string KindName(string kind) => kind switch
    {
        "desk-pool" => T("Hot desks"),
        "desk" => T("Desk"),
        "room" => T("Meeting room"),
        "office" => T("Office"),
        _ => kind,
    };

    public string Format(string english, params object[] args) => string.Format(Culture, T(english), args);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public string Date(DateOnly date) => date.ToString("dddd d MMMM yyyy", Culture);

    public string ShortDate(DateOnly date) => date.ToString("ddd d MMM", Culture);

    public string Time(DateTimeOffset instant) => Local(instant).ToString("HH:mm", Culture);

    public string Money(decimal amount, string? currency = null)
    {
        var format = (NumberFormatInfo)Culture.NumberFormat.Clone();
        format.CurrencySymbol = (currency ?? Space?.Currency ?? "EUR") switch
        {
            "EUR" => "€",
            "GBP" => "£",
            "USD" => "$",
            var other => other,
        };
        return amount.ToString("C", format);
    }

    public DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
    }

    /// <summary>Black or white text, whichever reads better on the space's accent colour.</summary>
    public string AccentText()
    {
        var accent = Accent();
        var r = Convert.ToInt32(accent[1..3], 16) / 255.0;
        var g = Convert.ToInt32(accent[3..5], 16) / 255.0;
        var b = Convert.ToInt32(accent[5..7], 16) / 255.0;
        static double Linear(double c) => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        var luminance = (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));
        return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#111111" : "#ffffff";
    }

    public string Accent() => Space?.AccentColor ?? "#1f5f4a";
}
