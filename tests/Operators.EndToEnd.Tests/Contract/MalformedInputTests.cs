using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Operators.Testing.Booking;

namespace Operators.EndToEnd.Tests.Contract;

/// <summary>
/// A fixed corpus of malformed input (bad JSON, wrong types, huge, empty and control-character values, out-of-range
/// numbers and dates, non-GUID ids) thrown at every operation of the OpenAPI documents, as the owner and operator
/// of a real space: no answer may be a 5xx, every error must be a problem document, and an integer or an undefined
/// name for an enum is refused. Deterministic (the corpus and its order are fixed) and bounded (about 1,300
/// requests, one at a time, half a minute here).
/// </summary>
public sealed class MalformedInputTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);
    private static readonly string Huge = new('a', 100_000);

    /// <summary>Bodies that are not the object asked for at all.</summary>
    private static readonly (string Name, string Json)[] WholeBodies =
    [
        ("invalid JSON", "{"),
        ("truncated JSON", "{\"name\":"),
        ("null", "null"),
        ("an array", "[]"),
        ("an empty object", "{}"),
        ("a string", "\"text\""),
        ("a number", "12345"),
        ("a NUL character", "\u0000"),
        ("empty", ""),
    ];

    /// <summary>Values every property gets in turn, whatever its type.</summary>
    private static readonly (string Name, string Json)[] AnyProperty =
    [
        ("null", "null"),
        ("an empty string", "\"\""),
        ("a NUL character", "\"\\u0000\""),
        ("a control character inside", "\"a\\u0001b\""),
        ("a 100k-character string", $"\"{Huge}\""),
        ("an empty object", "{}"),
        ("an array", "[]"),
        ("a boolean", "true"),
    ];

    [Test]
    public async Task No_operation_answers_malformed_input_with_a_server_error_or_an_error_that_is_not_a_problem_document_or_accepts_an_integer_for_an_enum()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            BaseAddress = ContractSite.Host.Process.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = ContractSite.Authorization;
        // Every document the host serves: the per-service ones, and the whole host's while it still has one.
        var (documents, _) = await OpenApiDocuments.ReadAsync(http, [.. OpenApiDocuments.Services, "v1"]);
        var operations = documents.SelectMany(d => OpenApiDocuments.Operations(d.Key, d.Value))
            .DistinctBy(o => (o.Method, o.Path))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToList();
        var requests = operations.SelectMany(Corpus).ToList();

        var failures = new List<(ApiOperation Operation, string Line)>();
        var clock = Stopwatch.StartNew();
        foreach (var request in requests)
        {
            if (clock.Elapsed > Budget)
            {
                Assert.Fail($"The corpus ran out of its {Budget.TotalMinutes} minutes after {requests.IndexOf(request)} of {requests.Count} requests.");
            }

            var problem = await SendAsync(http, request);
            if (problem is not null)
            {
                failures.Add((request.Operation, $"{request.What}: {problem}"));
            }
        }

        await TestContext.Out.WriteLineAsync($"{requests.Count} requests to {operations.Count} operations in {clock.Elapsed.TotalSeconds:0} s; {failures.Count} failed.");
        var report = string.Join(Environment.NewLine, failures.GroupBy(f => f.Operation.ToString()).Select(g =>
            $"{g.Key} ({g.Count()}):{Environment.NewLine}" + string.Join(Environment.NewLine, g.Select(f => "    " + f.Line))));
        Assert.That(failures, Is.Empty, $"{failures.Count} of {requests.Count} malformed requests got a 5xx or an error that is not a problem document:{Environment.NewLine}{report}");
    }

    /// <param name="MustBeRefused">Set for values the API must refuse with a 4xx rather than accept (an integer or undefined name for an enum).</param>
    private sealed record CorpusRequest(
        ApiOperation Operation, string What, HttpMethod Method, string Url, string? Body, string ContentType = "application/json", string Accept = "application/json", bool MustBeRefused = false);

    /// <summary>The first thing wrong with the answer, or null when it is acceptable.</summary>
    private static async Task<string?> SendAsync(HttpClient http, CorpusRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, request.Url);
        message.Headers.Accept.ParseAdd(request.Accept);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        try
        {
            using var response = await http.SendAsync(message);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (request.MustBeRefused && status < 400)
            {
                return $"{status}: accepted where a 400 naming the field belongs";
            }

            // Kestrel refuses a NUL in the request target while it parses the request line, before any application
            // code runs, with a bare 400 that closes the connection; ASP.NET Core offers no hook to shape it. A 400 is
            // the right refusal, so that one is taken as it is — never a 5xx, nor any other answer without a problem.
            var refusedByKestrel = request.What.StartsWith("path ", StringComparison.Ordinal) && request.What.EndsWith("= %00", StringComparison.Ordinal)
                && status == 400 && type is null && response.Content.Headers.ContentLength is null or 0;
            if (!refusedByKestrel && (status >= 500 || (status >= 400 && type != "application/problem+json")))
            {
                var body = await response.Content.ReadAsStringAsync();
                return $"{status} {type ?? "(no content type)"} {(body.Length > 160 ? body[..160] + "…" : body)}".TrimEnd();
            }

            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "no answer: " + e.Message;
        }
    }

    private static bool SpaceScoped(string path) =>
        path == "/api/space" || path.StartsWith("/api/space/", StringComparison.Ordinal)
        || OpenApiDocuments.Services.Any(s => path.StartsWith($"/api/{s}/", StringComparison.Ordinal));

    /// <summary>The path with its parameters replaced: the given ones as given, the others by real values.</summary>
    private static string Url(ApiOperation operation, IReadOnlyDictionary<string, string>? replaced = null, string slug = ContractSite.Slug)
    {
        var segments = operation.Path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] is ['{', .. var name, '}'])
            {
                segments[i] = replaced?.GetValueOrDefault(name)
                    ?? ContractSite.Real.GetValueOrDefault(name)
                    ?? ContractSite.Real.GetValueOrDefault(segments[i - 1])
                    ?? "0b6f3f5e-8c1a-4c1e-9d59-3c1f7a1e2b10";
            }
        }

        var path = string.Join('/', segments);
        return SpaceScoped(operation.Path) ? $"/s/{slug}{path}" : path;
    }

    private static IEnumerable<CorpusRequest> Corpus(ApiOperation operation)
    {
        var method = new HttpMethod(operation.Method);
        var schema = operation.BodySchema;
        var body = schema is null ? null : Base(operation.Root, schema, "", 0)?.ToJsonString();

        // An unknown space, asked for by a browser.
        if (SpaceScoped(operation.Path))
        {
            yield return new CorpusRequest(operation, "unknown space, Accept: text/html", method, Url(operation, slug: "no-such-space"), body, Accept: "text/html");
        }

        foreach (var parameter in operation.Parameters("path"))
        {
            var name = parameter["name"]!.GetValue<string>();
            foreach (var (what, value) in new[] { ("not a GUID", "not-a-guid"), ("%00", "%00"), ("a huge number", "99999999999999999999999"), ("the empty GUID", Guid.Empty.ToString()) })
            {
                yield return new CorpusRequest(operation, $"path {name} = {what}", method, Url(operation, new Dictionary<string, string> { [name] = value }), body);
            }

            foreach (var accept in new[] { "text/html", "application/xml" })
            {
                yield return new CorpusRequest(operation, $"path {name} = not a GUID, Accept: {accept}", method, Url(operation, new Dictionary<string, string> { [name] = "not-a-guid" }), body, Accept: accept);
            }
        }

        foreach (var parameter in operation.Parameters("query"))
        {
            var name = parameter["name"]!.GetValue<string>();
            var parameterSchema = OpenApiDocuments.Resolve(operation.Root, parameter["schema"]) ?? [];
            foreach (var value in QueryValues(parameterSchema))
            {
                yield return new CorpusRequest(operation, $"query {name} = '{value}'", method, $"{Url(operation)}?{name}={value}", body);
            }
        }

        if (schema is null || body is null)
        {
            yield break;
        }

        foreach (var (what, json) in WholeBodies)
        {
            yield return new CorpusRequest(operation, $"body = {what}", method, Url(operation), json);
        }

        yield return new CorpusRequest(operation, "a valid body sent as text/plain", method, Url(operation), body, ContentType: "text/plain");

        foreach (var (pointer, propertySchema) in Properties(operation.Root, schema, "", 0))
        {
            foreach (var (what, json) in AnyProperty.Concat(ByType(propertySchema)))
            {
                yield return new CorpusRequest(operation, $"{pointer} = {what}", method, Url(operation), Replace(body, pointer, json));
            }

            // Enums are strings in the API: an integer or an undefined name is refused wherever an enum is read.
            if (OpenApiDocuments.TypeOf(propertySchema) == "enum")
            {
                foreach (var (what, json) in new[] { ("an integer for an enum", "1"), ("a negative integer for an enum", "-1"), ("a huge integer for an enum", "12345"), ("an undefined name", "\"no-such-value\"") })
                {
                    yield return new CorpusRequest(operation, $"{pointer} = {what}", method, Url(operation), Replace(body, pointer, json), MustBeRefused: true);
                }
            }
        }
    }

    private static string[] QueryValues(JsonObject schema) => (OpenApiDocuments.TypeOf(schema), schema["format"]?.GetValue<string>()) switch
    {
        (_, "date") => ["9999-12-31", "0001-01-01", "2026-02-30", "not-a-date", "", "%00"],
        (_, "date-time") => ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "not-a-date", ""],
        (_, "uuid") => ["not-a-guid", "", "%00"],
        ("boolean", _) => ["maybe", ""],
        ("integer" or "number", _) => ["999999999999999999999", "abc", ""],
        _ => ["%00", ""],
    };

    /// <summary>Wrong values for a property of this type.</summary>
    private static IEnumerable<(string, string)> ByType(JsonObject schema)
    {
        switch (OpenApiDocuments.TypeOf(schema), schema["format"]?.GetValue<string>())
        {
            case ("integer" or "number", _):
                return [("a huge number", "999999999999999999999"), ("a number beyond double", "1e400"), ("a negative number", "-1"), ("a fraction", "1.5"), ("a string", "\"abc\"")];
            case ("boolean", _):
                return [("a string", "\"yes\""), ("a number", "1")];
            case (_, "uuid"):
                return [("not a GUID", "\"not-a-guid\""), ("the empty GUID", "\"00000000-0000-0000-0000-000000000000\""), ("a number", "12345")];
            case (_, "date"):
                return [("the last date", "\"9999-12-31\""), ("the first date", "\"0001-01-01\""), ("no such date", "\"2026-02-30\""), ("a number", "12345")];
            case (_, "date-time"):
                return [("the last instant", "\"9999-12-31T23:59:59Z\""), ("the first instant", "\"0001-01-01T00:00:00Z\""), ("the first instant at +14:00", "\"0001-01-01T00:00:00+14:00\""), ("a number", "12345")];
            case ("string", _):
                return [("a number", "12345"), ("a huge number", "999999999999999999999")];
            case ("array", _):
                return [("[null]", "[null]"), ("[\"\\u0000\"]", "[\"\\u0000\"]"), ("[[]]", "[[]]"), ("a string", "\"x\"")];
            case ("object", _):
                return [("a string", "\"x\""), ("a number", "1")];
            default:
                return [];
        }
    }

    /// <summary>Every property of the body, one level into nested objects and into the first item of arrays of objects.</summary>
    private static IEnumerable<(string Pointer, JsonObject Schema)> Properties(JsonObject root, JsonObject schema, string prefix, int depth)
    {
        foreach (var (name, node) in schema["properties"]?.AsObject() ?? [])
        {
            var property = OpenApiDocuments.Resolve(root, node);
            if (property is null)
            {
                continue;
            }

            var pointer = $"{prefix}/{name}";
            yield return (pointer, property);
            if (depth > 0)
            {
                continue;
            }

            var type = OpenApiDocuments.TypeOf(property);
            var nested = type == "object" ? property : type == "array" ? OpenApiDocuments.Resolve(root, property["items"]) : null;
            if (nested is not null && OpenApiDocuments.TypeOf(nested) == "object")
            {
                foreach (var inner in Properties(root, nested, type == "array" ? pointer + "/0" : pointer, depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A body the operation would accept, or close to it: each property given a plausible value.</summary>
    private static JsonNode? Base(JsonObject root, JsonObject schema, string name, int depth)
    {
        var day = BookingApi.Weekday(10);
        var at = name.Contains("end", StringComparison.OrdinalIgnoreCase) ? 11 : 10;
        return (OpenApiDocuments.TypeOf(schema), schema["format"]?.GetValue<string>()) switch
        {
            ("enum", _) => JsonValue.Create(schema["enum"]!.AsArray().First(v => v is not null)!.GetValue<string>()),
            ("object", _) when depth < 3 => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, OpenApiDocuments.Resolve(root, p.Value) is { } s ? Base(root, s, p.Key, depth + 1) : null))),
            ("array", _) when depth < 3 && OpenApiDocuments.Resolve(root, schema["items"]) is { } items => new JsonArray(Base(root, items, name, depth + 1)),
            ("integer", _) => JsonValue.Create(1),
            ("number", _) => JsonValue.Create(10),
            ("boolean", _) => JsonValue.Create(true),
            (_, "uuid") => name switch
            {
                "resourceId" => JsonValue.Create(ContractSite.Real["resources"]),
                "roomId" => JsonValue.Create(ContractSite.Real["room"]),
                _ => null,
            },
            (_, "date") => JsonValue.Create(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (_, "date-time") => JsonValue.Create(BookingApi.Paris(day, at)),
            ("string", _) => JsonValue.Create(name switch
            {
                "email" => $"corpus@{ContractSite.Slug}.test",
                "password" => "Corpus-horse-9",
                "day" => "monday",
                "open" => "09:00",
                "close" => "17:00",
                "slug" => "corpus-new",
                "template" => "rural-tiers-lieu",
                "accentColor" => "#336699",
                "timeZone" => "Europe/Paris",
                "currency" => "EUR",
                "locale" => "fr-FR",
                _ => "Corpus",
            }),
            _ => null,
        };
    }

    /// <summary>The body with the value at the pointer replaced by raw JSON (which may be invalid on purpose).</summary>
    private static string Replace(string body, string pointer, string json)
    {
        const string Marker = "\"__corpus_value__\"";
        var node = JsonNode.Parse(body)!;
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = parts[..^1].Aggregate(node, (current, part) => current is JsonArray array ? array[int.Parse(part, CultureInfo.InvariantCulture)]! : current[part]!);
        if (parent is JsonArray list)
        {
            list[int.Parse(parts[^1], CultureInfo.InvariantCulture)] = "__corpus_value__";
        }
        else
        {
            parent[parts[^1]] = "__corpus_value__";
        }

        return node.ToJsonString().Replace(Marker, json, StringComparison.Ordinal);
    }
}
