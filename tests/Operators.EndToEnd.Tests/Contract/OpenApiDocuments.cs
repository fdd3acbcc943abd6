using System.Text.Json.Nodes;

namespace Operators.EndToEnd.Tests.Contract;

/// <summary>One operation of an OpenAPI document: a method on a path template.</summary>
internal sealed record ApiOperation(string Document, string Method, string Path, JsonObject Operation, JsonObject Root)
{
    public IEnumerable<string> ResponseCodes => Operation["responses"]?.AsObject().Select(r => r.Key) ?? [];

    /// <summary>Whether any error is documented: a 4xx or 5xx response, or a <c>default</c> one.</summary>
    public bool DocumentsErrors => ResponseCodes.Any(code => code is "default" || code.StartsWith('4') || code.StartsWith('5'));

    /// <summary>
    /// A network-level read that takes nothing from the client (no parameter, no body) and no space — the templates,
    /// the directory of spaces — has no error to document; everything else must say how it fails.
    /// </summary>
    public bool CannotFail =>
        Document is "gateway" or "v1" && Method == "GET" && Operation["requestBody"] is null
        && (Operation["parameters"]?.AsArray().Count ?? 0) == 0
        && Path != "/api/space" && !Path.StartsWith("/api/space/", StringComparison.Ordinal)
        && !OpenApiDocuments.Services.Any(service => Path.StartsWith($"/api/{service}/", StringComparison.Ordinal));

    public IEnumerable<JsonObject> Parameters(string location) =>
        (Operation["parameters"]?.AsArray() ?? []).OfType<JsonObject>().Where(p => p["in"]?.GetValue<string>() == location);

    public JsonObject? BodySchema => OpenApiDocuments.Resolve(Root, Operation["requestBody"]?["content"]?["application/json"]?["schema"]);

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>The OpenAPI documents a host serves, read as a client would, and their schemas.</summary>
internal static class OpenApiDocuments
{
    /// <summary>The per-service documents both hosting modes serve (<c>/openapi/{name}.json</c>).</summary>
    public static readonly string[] Services = ["booking", "membership", "billing", "gateway"];

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    /// <summary>Reads <c>/openapi/{name}.json</c> for each name; those not served are returned with their status.</summary>
    public static async Task<(Dictionary<string, JsonObject> Found, List<string> Missing)> ReadAsync(HttpClient client, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(client);
        var found = new Dictionary<string, JsonObject>();
        var missing = new List<string>();
        foreach (var name in names)
        {
            using var response = await client.GetAsync(new Uri($"/openapi/{name}.json", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && JsonNode.Parse(text) is JsonObject { } document && document["paths"] is JsonObject)
            {
                found[name] = document;
            }
            else
            {
                missing.Add($"/openapi/{name}.json answered {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            }
        }

        return (found, missing);
    }

    public static IEnumerable<ApiOperation> Operations(string name, JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select new ApiOperation(name, method.Key.ToUpperInvariant(), path.Key, method.Value!.AsObject(), document);

    /// <summary>A schema with its <c>$ref</c> followed and a nullable <c>oneOf [null, X]</c> read as X.</summary>
    public static JsonObject? Resolve(JsonObject root, JsonNode? schema)
    {
        ArgumentNullException.ThrowIfNull(root);
        for (var depth = 0; depth < 10 && schema is JsonObject current; depth++)
        {
            if (current["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = reference.Split('/').Skip(1).Aggregate((JsonNode?)root, (node, part) => node?[part]);
            }
            else if (current["oneOf"] is JsonArray oneOf && oneOf.OfType<JsonObject>().FirstOrDefault(s => s["type"]?.ToString() != "null") is { } other)
            {
                schema = other;
            }
            else
            {
                return current;
            }
        }

        return schema as JsonObject;
    }

    /// <summary>The schema's main type: the first of its types that is not <c>null</c> (<c>integer</c> for "integer or string").</summary>
    public static string? TypeOf(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema["enum"] is not null)
        {
            return "enum";
        }

        return schema["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue type => type.GetValue<string>(),
            _ => schema["properties"] is not null ? "object" : null,
        };
    }
}
