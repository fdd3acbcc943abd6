using System.Text.Json;
using System.Text.Json.Serialization;

namespace Operators.ServiceDefaults.Http;

/// <summary>
/// A price in a request: a money object <c>{amount, currency}</c>, the shape every response uses, so a client can
/// send back what it read; or a plain number, in the space's currency. A currency other than the space's is refused.
/// </summary>
[JsonConverter(typeof(PriceInputConverter))]
public sealed record PriceInput(decimal Amount, string? Currency);

public sealed class PriceInputConverter : JsonConverter<PriceInput>
{
    public override PriceInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return new PriceInput(Amount(ref reader), null);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A price is a number or {amount, currency}.");
        }

        decimal? amount = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "amount", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.Number)
            {
                amount = Amount(ref reader);
            }
            else if (string.Equals(name, "currency", StringComparison.OrdinalIgnoreCase) && reader.TokenType is JsonTokenType.String or JsonTokenType.Null)
            {
                currency = reader.GetString();
            }
            else
            {
                throw new JsonException("A price is a number or {amount, currency}.");
            }
        }

        return amount is { } value ? new PriceInput(value, currency) : throw new JsonException("A price is a number or {amount, currency}.");
    }

    public override void Write(Utf8JsonWriter writer, PriceInput value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteNumber("amount", value.Amount);
        writer.WriteString("currency", value.Currency);
        writer.WriteEndObject();
    }

    private static decimal Amount(ref Utf8JsonReader reader) =>
        reader.TryGetDecimal(out var amount) ? amount : throw new JsonException("A price is a number of at most 28 digits.");
}
