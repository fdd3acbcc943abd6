namespace Operators.Gateway.Intranet.Billing;

/// <summary>
/// An invoice's stored PDF and its Factur-X XML for the intranet's links: a browser signed in by cookie cannot call
/// the API (bearer only), so these pass the API's answer on as the signed-in person. The API decides who may read
/// what (a treasurer everything, a member their own and their company's); anything else is a plain 404.
/// </summary>
public static class BillingDownloads
{
    public static WebApplication MapBillingDownloads(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/billing/invoices/{id:guid}/pdf", (Guid id, HttpContext http, IntranetSession session, IntranetApi api) =>
            PassOnAsync(http, session, api, $"/api/billing/invoices/{id}/pdf", "pdf")).ExcludeFromDescription();
        app.MapGet("/billing/invoices/{id:guid}/factur-x.xml", (Guid id, HttpContext http, IntranetSession session, IntranetApi api) =>
            PassOnAsync(http, session, api, $"/api/billing/invoices/{id}/factur-x.xml", "xml")).ExcludeFromDescription();
        // The accountant's files: the API checks the role and the year or period.
        app.MapGet("/billing/exports/fec", (int? year, HttpContext http, IntranetSession session, IntranetApi api) =>
            PassOnAsync(http, session, api, $"/api/billing/exports/fec?year={year}", "txt")).ExcludeFromDescription();
        app.MapGet("/billing/exports/invoices.csv", (DateOnly? from, DateOnly? to, HttpContext http, IntranetSession session, IntranetApi api) =>
            PassOnAsync(http, session, api, $"/api/billing/exports/invoices.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", "csv")).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PassOnAsync(HttpContext http, IntranetSession session, IntranetApi api, string path, string extension)
    {
        await session.LoadAsync(http.RequestAborted);
        if (session.Space is null)
        {
            return Results.NotFound();
        }

        if (!session.IsSignedIn)
        {
            return Results.Redirect($"{http.Request.PathBase}/account/login?returnUrl={Uri.EscapeDataString(http.Request.Path.Value ?? "/")}");
        }

        var result = await api.GetFileAsync(path, http.RequestAborted);
        if (result.Value is not { } file)
        {
            return Results.StatusCode((int)result.Status is 401 or 403 or 404 ? StatusCodes.Status404NotFound : StatusCodes.Status502BadGateway);
        }

        // The number names the file when the API gives one (Content-Disposition), else the document's id does.
        http.Response.Headers.CacheControl = "private, no-store";
        var name = file.FileName ?? $"{path.Split('/')[^2]}.{extension}";
        return Results.File(file.Content, file.ContentType, name);
    }
}
