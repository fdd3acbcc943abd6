using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Operators.Gateway.Accounts;
using Operators.Gateway.Intranet.Components;

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

        var stylesheet = ReadStylesheet();
        app.MapGet("/intranet.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(stylesheet, "text/css; charset=utf-8");
        }).ExcludeFromDescription();

        // The language switch: remembered for a year, then back to the page the person was on.
        app.MapGet("/lang/{language}", (string language, string? returnUrl, HttpContext http) =>
        {
            if (language is "fr" or "en")
            {
                http.Response.Cookies.Append(IntranetSession.LanguageCookie, language, new CookieOptions
                {
                    Path = "/",
                    MaxAge = TimeSpan.FromDays(365),
                    SameSite = SameSiteMode.Lax,
                    HttpOnly = true,
                    IsEssential = true,
                });
            }

            return Results.Redirect($"{http.Request.PathBase}/{Components.Pages.Account.Login.LocalReturn(returnUrl).TrimStart('.', '/')}");
        }).ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<Account> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The form expired: reload the page and try again.");
            }

            await signIn.SignOutAsync();
            return Results.Redirect($"{http.Request.PathBase}/");
        }).ExcludeFromDescription();

        app.MapRazorComponents<App>();
        return app;
    }

    private static string ReadStylesheet()
    {
        using var stream = typeof(IntranetModule).Assembly.GetManifestResourceStream("Operators.Gateway.Intranet.intranet.css")
            ?? throw new InvalidOperationException("The intranet's stylesheet is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
