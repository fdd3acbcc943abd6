using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Operators.Gateway.Intranet.Components;

/// <summary>
/// What the pages of a service's forms share (membership, billing): lists read whatever their envelope, and a
/// refused change explained in the reader's language, each field named as the form labels it.
/// </summary>
public abstract partial class ServiceFormPage : IntranetPage
{
    /// <summary>The form labels of the API's field names (the last segment of an error's key, lower case), in English.</summary>
    protected abstract IReadOnlyDictionary<string, string> FieldLabels { get; }

    /// <summary>
    /// A list route's items, whether the service answers a bare array or an envelope (<c>{items: [...]}</c>); on failure,
    /// an empty list and the refusal in <paramref name="failure"/>.
    /// </summary>
    protected async Task<(List<T> Items, ApiResult<JsonNode>? Failure)> ListAsync<T>(string path)
    {
        var result = await Api.GetAsync<JsonNode>(path);
        if (!result.Ok)
        {
            return ([], result);
        }

        var array = result.Value switch
        {
            JsonArray a => a,
            JsonObject o when o["items"] is JsonArray items => items,
            _ => null,
        };
        return (array?.Deserialize<List<T>>(IntranetApi.Json) ?? [], null);
    }

    /// <summary>A refused change in plain words: the lead, then each field named as the form labels it, in the reader's language.</summary>
    protected (string Text, IReadOnlyList<string>? Details) Problem<T>(ApiResult<T> result, string? conflict = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (lead, details) = Explain(result);
        if (result.Errors is { Count: > 0 } errors)
        {
            return (lead, errors.SelectMany(e => e.Value.Select(m => $"{FieldLabel(e.Key)} : {FieldMessage(m)}")).Distinct().ToList());
        }

        if ((int)result.Status == StatusCodes.Status409Conflict)
        {
            var said = new List<string>();
            if (conflict is not null)
            {
                said.Add(conflict);
            }

            // The service's own sentence is English (it names what is missing, say): shown as it is to English readers only.
            if (Session.Language == "en" && !string.IsNullOrEmpty(result.Detail))
            {
                said.Add(result.Detail);
            }

            return (lead, said);
        }

        return (lead, Session.Language == "en" ? details : null);
    }

    /// <summary>A field as the form labels it; an item of a list (<c>lines[1].unitPrice</c>) says which one, counted as people count.</summary>
    private string FieldLabel(string key)
    {
        var last = key.Split('.').Last();
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        var name = bracket >= 0 ? last[..bracket] : last;
        var label = FieldLabels.TryGetValue(name, out var known) ? L(known) : key;
        var item = ItemPattern().Match(key);
        return item.Success && !name.Equals("lines", StringComparison.OrdinalIgnoreCase)
            ? Session.Format("Line {0}", int.Parse(item.Groups[1].Value, CultureInfo.InvariantCulture) + 1) + ", " + label
            : label;
    }

    private string FieldMessage(string message)
    {
        var translated = L(message);
        if (!ReferenceEquals(translated, message) || Session.Language == "en")
        {
            return translated;
        }

        return message.Contains("empty", StringComparison.OrdinalIgnoreCase) || message.Contains("required", StringComparison.OrdinalIgnoreCase)
            ? L("to be filled in.")
            : L("to be corrected.");
    }

    [GeneratedRegex(@"lines\[(\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex ItemPattern();
}
