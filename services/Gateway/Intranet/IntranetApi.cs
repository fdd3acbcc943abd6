using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Operators.Gateway.Accounts;

namespace Operators.Gateway.Intranet;

/// <summary>An answer of the public API: the value on success, else the problem document's detail, code and field errors.</summary>
public sealed record ApiResult<T>(HttpStatusCode Status, T? Value, string? Detail = null, string? Code = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Ok => (int)Status is >= 200 and < 300;
}

/// <summary>A file the API served: its bytes, its media type, and the name it gave it, if any.</summary>
public sealed record ApiFile(byte[] Content, string ContentType, string? FileName);

/// <summary>
/// How the intranet's pages reach the services: the same public API any client uses, over HTTP through this
/// gateway, with a bearer token minted for the signed-in person. No private path to a service's data.
/// </summary>
public sealed class IntranetApi(
    IHttpClientFactory factory, ApiAddress address, IntranetSession session, UserManager<Account> users, UserTokenIssuer tokens, IntranetCallKey callKey)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    // One token per request, minted once even when a page sends its calls together.
    private Task<string?>? bearer;

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Get, path, null, ct);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Post, path, Body(body), ct);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Put, path, Body(body), ct);

    /// <summary>A PUT whose body is a file as it came (a logo, say), not JSON.</summary>
    public Task<ApiResult<object>> PutFileAsync(string path, byte[] content, string contentType, CancellationToken ct = default)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return SendAsync<object>(HttpMethod.Put, path, file, ct);
    }

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken ct = default) => SendAsync<T>(HttpMethod.Delete, path, null, ct);

    /// <summary>A file as the API serves it (an invoice's PDF, say): its bytes and media type on success.</summary>
    public async Task<ApiResult<ApiFile>> GetFileAsync(string path, CancellationToken ct = default)
    {
        var client = factory.CreateClient(nameof(IntranetApi));
        var prefix = session.Space is { } space ? $"/s/{space.Slug}" : "";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address.Get(), prefix + path));
        if (await (bearer ??= MintBearerAsync()) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request, ct);
        return response.IsSuccessStatusCode
            ? new ApiResult<ApiFile>(response.StatusCode, new ApiFile(
                await response.Content.ReadAsByteArrayAsync(ct),
                response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
                response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"')))
            : new ApiResult<ApiFile>(response.StatusCode, null);
    }

    private static JsonContent? Body(object? body) => body is null ? null : JsonContent.Create(body, options: Json);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var client = factory.CreateClient(nameof(IntranetApi));
        var prefix = session.Space is { } space ? $"/s/{space.Slug}" : "";
        using var request = new HttpRequestMessage(method, new Uri(address.Get(), prefix + path)) { Content = content };
        // A guest's purchase was counted at the form, against the guest's address: not again here, against this gateway's.
        request.Headers.Add(GuestHoldLimit.IntranetCallHeader, callKey.Value);

        if (await (bearer ??= MintBearerAsync()) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            var value = response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(object)
                ? default
                : await response.Content.ReadFromJsonAsync<T>(Json, ct);
            return new ApiResult<T>(response.StatusCode, value);
        }

        var problem = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
            ? await response.Content.ReadFromJsonAsync<JsonObject>(Json, ct)
            : null;
        var errors = problem?["errors"] is JsonObject fields
            ? fields.ToDictionary(f => f.Key, f => f.Value is JsonArray list ? list.Select(m => m?.ToString() ?? "").ToArray() : [f.Value?.ToString() ?? ""])
            : null;
        return new ApiResult<T>(response.StatusCode, default, problem?["detail"]?.ToString(), problem?["code"]?.ToString(), errors);
    }

    private async Task<string?> MintBearerAsync()
    {
        if (session.AccountId is not { } id || await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return null;
        }

        return tokens.Issue(account, await users.GetRolesAsync(account)).Token;
    }
}

/// <summary>
/// The address the intranet calls the API at: <c>Intranet:ApiUrl</c> when set, else this process's own first
/// listening address (a wildcard host becomes the loopback).
/// </summary>
public sealed class ApiAddress(IServer server, IConfiguration configuration)
{
    private Uri? resolved;

    public Uri Get()
    {
        if (resolved is not null)
        {
            return resolved;
        }

        if (configuration["Intranet:ApiUrl"] is { Length: > 0 } configured)
        {
            return resolved = new Uri(configured);
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no listening address yet; set Intranet:ApiUrl.");
        var wildcard = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return resolved = new Uri(wildcard);
    }
}
