using System.Text.RegularExpressions;

namespace Operators.ServiceDefaults.Validation;

/// <summary>
/// The identifiers an invoice carries: a SIREN (nine digits whose last is a Luhn key), a SIRET (the SIREN and a
/// five-digit establishment number, Luhn again), a VAT number (French: FR, a two-digit key computed from the SIREN,
/// the SIREN; other member states: their prefix and 2–12 letters or digits), the ISO 3166 country of an address, and
/// the bank details a payment goes to (IBAN, BIC). Typing mistakes are caught here rather than on an invoice the
/// tax office refuses. Membership checks its customers with these, billing the space's own identity.
/// </summary>
public static partial class FrenchIdentifiers
{
    /// <summary>La Poste's SIREN: its establishments' SIRETs follow their own key.</summary>
    private const string LaPoste = "356000000";

    /// <summary>VAT prefixes of the EU member states (Greece is EL, Northern Ireland XI).</summary>
    private static readonly HashSet<string> VatPrefixes = new(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
        "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
    };

    /// <summary>ISO 3166-1 alpha-2, officially assigned codes.</summary>
    private static readonly HashSet<string> Countries = new(
        ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
        + "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
        + "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO "
        + "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR "
        + "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO "
        + "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV "
        + "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").Split(' '),
        StringComparer.Ordinal);

    public static bool IsCountry(string? code) => code is not null && Countries.Contains(code);

    /// <summary>Nine digits, the last being the Luhn key of the first eight.</summary>
    public static bool IsSiren(string? siren) => siren is { Length: 9 } && siren.All(char.IsAsciiDigit) && LuhnValid(siren);

    /// <summary>
    /// Fourteen digits starting with <paramref name="siren"/> (when given), with a Luhn key over all fourteen — or, for
    /// La Poste's establishments (SIREN 356000000, too many for Luhn keys), digits adding up to a multiple of 5.
    /// </summary>
    public static bool IsSiret(string? siret, string? siren = null)
    {
        if (siret is not { Length: 14 } || !siret.All(char.IsAsciiDigit) || (siren is not null && !siret.StartsWith(siren, StringComparison.Ordinal)))
        {
            return false;
        }

        return LuhnValid(siret) || (siret.StartsWith(LaPoste, StringComparison.Ordinal) && siret.Sum(c => c - '0') % 5 == 0);
    }

    /// <summary>An IBAN (ISO 13616): a country, two check digits and up to 30 letters or digits, the whole passing mod 97.</summary>
    public static bool IsIban(string? iban)
    {
        if (iban is null || !Iban().IsMatch(iban) || !IsCountry(iban[..2]))
        {
            return false;
        }

        // The first four characters move to the end; letters count as 10 (A) to 35 (Z); the remainder by 97 must be 1.
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            remainder = char.IsAsciiDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }

    /// <summary>A BIC (ISO 9362): four letters for the bank, its country, two letters or digits for the place, and an optional branch.</summary>
    public static bool IsBic(string? bic) => bic is not null && Bic().IsMatch(bic) && IsCountry(bic.Substring(4, 2));

    /// <summary>
    /// An electronic invoicing address: an e-mail address (scheme EM), or an address of the French directory (scheme
    /// 0225), which the reform's BR-FR-23 limits to letters, digits and <c>+ - _ .</c>.
    /// </summary>
    public static bool IsElectronicAddress(string? address) =>
        address is not null && (address.Contains('@', StringComparison.Ordinal) ? EmailAddress().IsMatch(address) : DirectoryAddress().IsMatch(address));

    public static bool IsFrenchPostalCode(string? code) => code is { Length: 5 } && code.All(char.IsAsciiDigit);

    /// <summary>Why a VAT number is not valid, or null when it is.</summary>
    public static string? VatNumberProblem(string vatNumber)
    {
        ArgumentNullException.ThrowIfNull(vatNumber);
        if (!OtherVatNumber().IsMatch(vatNumber) || !VatPrefixes.Contains(vatNumber[..2]))
        {
            return "'vatNumber' must be an EU VAT number: the country's prefix (FR, DE, EL…) then 2 to 12 letters or digits.";
        }

        if (!vatNumber.StartsWith("FR", StringComparison.Ordinal))
        {
            return null;
        }

        if (!FrenchVatNumber().IsMatch(vatNumber))
        {
            return "'vatNumber' must be FR, a two-digit key and the nine digits of the SIREN.";
        }

        var siren = vatNumber[4..];
        if (!LuhnValid(siren))
        {
            return "'vatNumber' holds a SIREN whose check digit is wrong.";
        }

        var key = (12 + (3 * (long.Parse(siren, System.Globalization.CultureInfo.InvariantCulture) % 97))) % 97;
        return int.Parse(vatNumber.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture) == key
            ? null
            : "'vatNumber' has a wrong key: the two digits after FR do not match its SIREN.";
    }

    /// <summary>The SIREN inside a French VAT number, or null.</summary>
    public static string? SirenOf(string? vatNumber) =>
        vatNumber is not null && FrenchVatNumber().IsMatch(vatNumber) ? vatNumber[4..] : null;

    /// <summary>Without spaces, dots or dashes, in capitals, as people copy identifiers from letterheads.</summary>
    public static string? Compact(string? identifier) =>
        identifier is null ? null : new string(identifier.Where(c => c is not (' ' or '.' or '-' or '\u00A0')).ToArray()).ToUpperInvariant();

    private static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex("^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")]
    private static partial Regex Iban();

    [GeneratedRegex("^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
    private static partial Regex Bic();

    [GeneratedRegex(@"^[A-Za-z0-9+\-_.]+$")]
    private static partial Regex DirectoryAddress();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailAddress();

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{2,12}$")]
    private static partial Regex OtherVatNumber();

    [GeneratedRegex("^FR[0-9]{2}[0-9]{9}$")]
    private static partial Regex FrenchVatNumber();
}
