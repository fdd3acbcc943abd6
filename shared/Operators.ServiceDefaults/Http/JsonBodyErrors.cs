using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Operators.ServiceDefaults.Http;

/// <summary>
/// Turns "this JSON value could not be converted" into a validation problem naming the field as clients write it
/// (<c>kind</c>, <c>weekly[0]</c>, <c>guest.name</c>) and what it must be — for an enum, its names — instead of a
/// .NET type name. Syntax errors have no field and are left to the caller.
/// </summary>
public static class JsonBodyErrors
{
    public static HttpValidationProblemDetails? Describe(HttpContext context, JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exception);
        // The reader's own errors (bad syntax, truncated body) come wrapped around a JsonException of the reader.
        if (exception.InnerException is JsonException || exception.Path is null)
        {
            return null;
        }

        var segments = Parse(exception.Path);
        if (segments is null)
        {
            return null;
        }

        var field = segments.Count == 0 ? "body" : Field(segments);
        var options = context.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions;
        // The exception handler has already cleared the endpoint; its feature keeps the one that failed.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var type = options is null || bodyType is null ? null : TypeAt(options, bodyType, segments);
        // The serializer's own messages name .NET types and end with the path; a converter's message is written for clients.
        var message = exception.Message.Contains(" Path: ", StringComparison.Ordinal)
            ? $"'{field}' must be {Expected(type, options)}."
            : $"'{field}' is not valid: {exception.Message}";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = "The request body is not valid: " + message,
        };
    }

    private static string Expected(Type? type, JsonSerializerOptions? options)
    {
        if (type is null || options is null)
        {
            return "of another type or format";
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(name => JsonSerializer.Serialize(Enum.Parse(type, name), type, options).Trim('"'));
            return "one of: " + string.Join(", ", names);
        }

        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
            _ when type == typeof(DateOnly) => "a date (yyyy-MM-dd)",
            _ when type == typeof(TimeOnly) => "a time (HH:mm)",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an instant with its offset (2026-03-02T09:00:00+01:00)",
            _ when type == typeof(Guid) => "an id",
            _ => options.GetTypeInfo(type).Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
                _ => "of another type or format",
            },
        };
    }

    /// <summary>The declared type at a path of the body, or null when the path leaves what the type describes.</summary>
    private static Type? TypeAt(JsonSerializerOptions options, Type type, IReadOnlyList<object> segments)
    {
        foreach (var segment in segments)
        {
            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            if (segment is string name && info.Kind == JsonTypeInfoKind.Object)
            {
                var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison));
                if (property is null)
                {
                    return null;
                }

                type = property.PropertyType;
            }
            else if (segment is int && info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
            {
                type = element;
            }
            else
            {
                return null;
            }
        }

        return type;
    }

    private static string Field(IReadOnlyList<object> segments)
    {
        var field = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int index)
            {
                field.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                field.Append(field.Length == 0 ? "" : ".").Append((string)segment);
            }
        }

        return field.ToString();
    }

    /// <summary>Splits <c>$.weekly[0].day</c> or <c>$['odd name']</c> into names and indexes; null if it is not such a path.</summary>
    private static List<object>? Parse(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var segments = new List<object>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add(index);
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }
}
