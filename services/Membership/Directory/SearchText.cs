using System.Globalization;
using System.Text;

namespace Operators.Membership.Directory;

/// <summary>
/// Matching as people expect when they type a name or a skill: case and accents ignored ("helene" finds "Hélène").
/// Done in the process rather than in SQL: SQLite's lower() knows only ASCII and neither engine drops accents the
/// same way, while a space's members are a few hundred rows that the unpaged lists read whole anyway.
/// </summary>
public static class SearchText
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>Whether any of <paramref name="fields"/> contains <paramref name="query"/> (a blank query matches everything).</summary>
    public static bool Matches(string? query, params IEnumerable<string?> fields)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }

        var folded = Fold(query.Trim());
        return fields.Any(f => f is not null && Fold(f).Contains(folded, StringComparison.Ordinal));
    }
}
