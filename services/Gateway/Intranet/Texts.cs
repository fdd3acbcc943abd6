namespace Operators.Gateway.Intranet;

/// <summary>The intranet's words: English is the key, French its translation.</summary>
public static partial class Texts
{
    public static string Translate(string english, string language) =>
        language == "fr" && French.TryGetValue(english, out var french) ? french : english;

    public static IReadOnlyDictionary<string, string> FrenchTexts => French;
}
