using System.Globalization;
using FluentValidation;

namespace Operators.ServiceDefaults.Validation;

/// <summary>Rules for the words people type: names, titles, descriptions.</summary>
public static class TextRules
{
    /// <summary>
    /// Refuses control characters (NUL, escape, bidi overrides…) that no one types on purpose and that break
    /// pages, CSV exports and logs. <paramref name="multiline"/> lets line breaks and tabs through (descriptions).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, bool multiline = false) =>
        rule.Must(text => text is null || !HasControlCharacters(text, multiline))
            .WithMessage(multiline
                ? "'{PropertyName}' must not contain control characters."
                : "'{PropertyName}' must be one line of text, without control characters.");

    /// <summary>
    /// Control and format characters, and what is not text at all — a lone surrogate half, or a Unicode
    /// noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF) — which XML cannot carry: an invoice line holding one could
    /// never be written as Factur-X.
    /// </summary>
    public static bool HasControlCharacters(string text, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (multiline && c is '\n' or '\r' or '\t')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if ((category is UnicodeCategory.Control or UnicodeCategory.Format && !IsJoiner(c))
                || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' or >= '\uFDD0' and <= '\uFDEF')
            {
                return true;
            }
        }

        return false;
    }

    // Zero-width joiners hold emoji sequences and some scripts together: they are text, not control.
    private static bool IsJoiner(char c) => c is '\u200C' or '\u200D';
}
