using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Identity;
using Operators.Gateway.Accounts;
using Operators.Gateway.Intranet.Billing;
using Operators.Gateway.Intranet.Components;
using Operators.Gateway.Spaces;

namespace Operators.Gateway.Intranet;

/// <summary>
/// The common intranet: a Blazor Web App rendered on the server (static rendering with plain forms, so it works
/// without JavaScript and every action is a real request with an antiforgery token), served at <c>{S}/</c> for a
/// space and at <c>/</c> for the network's directory.
/// </summary>
public static class IntranetModule
{
    public static IServiceCollection AddIntranet(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddHttpClient(nameof(IntranetApi), client => client.Timeout = TimeSpan.FromSeconds(30));
        // Every page makes a few API calls; their per-request lines would drown the log.
        services.AddLogging(logging => logging.AddFilter("System.Net.Http.HttpClient." + nameof(IntranetApi), LogLevel.Warning));
        services.AddSingleton<ApiAddress>();
        services.AddScoped<IntranetSession>();
        services.AddScoped<IntranetApi>();
        services.AddScoped<Membership.MembershipRequests>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "operators.antiforgery";
            o.Cookie.Path = "/";
        });
        return services;
    }

    public static WebApplication MapIntranet(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.Use(ReturnStaleFormsToTheirPage);

        var stylesheet = ReadStylesheet();
        app.MapGet("/intranet.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(stylesheet, "text/css; charset=utf-8");
        }).ExcludeFromDescription();

        // The space's colours (the page links it with the accent in its address, so a change is seen at once).
        app.MapGet("/theme.css", async (HttpContext http, IntranetSession session) =>
        {
            await session.LoadAsync(http.RequestAborted);
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Text($"body {{ --accent: {session.Accent()}; --accent-text: {session.AccentText()}; }}\n", "text/css; charset=utf-8");
        }).ExcludeFromDescription();

        // The language switch: remembered for a year, then back to the page the person was on.
        app.MapGet("/lang/{language}", (string language, string? returnUrl, HttpContext http) =>
        {
            if (language is "fr" or "en")
            {
                http.Response.Cookies.Append(IntranetSession.LanguageCookie, language, SiteCookie(TimeSpan.FromDays(365)));
            }

            return Results.Redirect($"{http.Request.PathBase}/{Components.Pages.Account.Login.LocalReturn(returnUrl)}");
        }).ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                MarkFormExpired(http);
                return Results.Redirect($"{http.Request.PathBase}/");
            }

            await signIn.SignOutAsync();
            return Results.Redirect($"{http.Request.PathBase}/");
        }).ExcludeFromDescription();

        // The theme page's logo forms: a file cannot travel in the page's own (JSON-calling) forms, so these two
        // receive it and pass it on to the API as the signed-in owner.
        app.MapPost("/manage/theme/logo", async (HttpContext http, IAntiforgery antiforgery, IntranetSession session, IntranetApi api) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                MarkFormExpired(http);
                return Results.Redirect($"{http.Request.PathBase}/manage/theme");
            }

            await session.LoadAsync(http.RequestAborted);
            var file = (await http.Request.ReadFormAsync(http.RequestAborted)).Files["logo"];
            if (file is null || file.Length is 0 or > SpaceLogo.MaxBytes)
            {
                return Results.Redirect($"{http.Request.PathBase}/manage/theme?done=logo-refused");
            }

            using var content = new MemoryStream();
            await file.CopyToAsync(content, http.RequestAborted);
            // The bytes say what they are; the browser's Content-Type for the part may be anything, even unparsable.
            var bytes = content.ToArray();
            var result = await api.PutFileAsync("/api/space/logo", bytes, SpaceLogo.Sniff(bytes) ?? "application/octet-stream", http.RequestAborted);
            return Results.Redirect($"{http.Request.PathBase}/manage/theme?done={(result.Ok ? "logo" : "logo-refused")}");
        }).ExcludeFromDescription();
        app.MapPost("/manage/theme/logo/remove", async (HttpContext http, IAntiforgery antiforgery, IntranetSession session, IntranetApi api) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                MarkFormExpired(http);
                return Results.Redirect($"{http.Request.PathBase}/manage/theme");
            }

            await session.LoadAsync(http.RequestAborted);
            var result = await api.DeleteAsync<object>("/api/space/logo", http.RequestAborted);
            return Results.Redirect($"{http.Request.PathBase}/manage/theme?done={(result.Ok ? "logo-removed" : "logo-refused")}");
        }).ExcludeFromDescription();

        app.MapBillingDownloads();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>
    /// A page's form posted with a stale antiforgery token (signed in or out in another tab since, or a page left
    /// open for days) is refused as before — nothing is done — but the person lands back on the page with a notice
    /// saying so, instead of a bare 400.
    /// </summary>
    private static Task ReturnStaleFormsToTheirPage(HttpContext http, RequestDelegate next)
    {
        if (HttpMethods.IsPost(http.Request.Method)
            && http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            MarkFormExpired(http);
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = $"{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}";
            return Task.CompletedTask;
        }

        return next(http);
    }

    private static void MarkFormExpired(HttpContext http) =>
        http.Response.Cookies.Append(IntranetSession.FormExpiredCookie, "1", SiteCookie(TimeSpan.FromMinutes(5)));

    /// <summary>A preference or notice cookie of the whole site: not for scripts, sent on same-site navigation.</summary>
    private static CookieOptions SiteCookie(TimeSpan maxAge) => new()
    {
        Path = "/",
        MaxAge = maxAge,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
    };

    private static string ReadStylesheet()
    {
        using var stream = typeof(IntranetModule).Assembly.GetManifestResourceStream("Operators.Gateway.Intranet.intranet.css")
            ?? throw new InvalidOperationException("The intranet's stylesheet is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
