using System.Text.Json;
using System.Text.Json.Serialization;

namespace Operators.ServiceDefaults.Http;

/// <summary>
/// Enums as one lower-case kebab name each (<c>desk-pool</c>, <c>bank-transfer</c>), and nothing else. The framework's
/// converter also reads numbers (refused here with <c>allowIntegerValues: false</c>) and comma-separated lists that it
/// ORs together — <c>"card, cheque"</c> would silently become <c>bank-transfer</c> — so a list is refused too.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter names = new(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => names.CanConvert(typeToConvert);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(
            typeof(OneName<>).MakeGenericType(typeToConvert), names.CreateConverter(typeToConvert, options));

    private sealed class OneName<T>(JsonConverter<T> inner) : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly string Names = string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.KebabCaseLower.ConvertName));

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString()!.Contains(',', StringComparison.Ordinal))
            {
                throw new JsonException($"give one of {Names}, not a list.");
            }

            return inner.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            inner.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            inner.WriteAsPropertyName(writer, value, options);
    }
}
