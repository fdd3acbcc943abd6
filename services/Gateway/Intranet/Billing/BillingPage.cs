using System.Text.Json;
using System.Text.Json.Nodes;
using Operators.Gateway.Intranet.Components;

namespace Operators.Gateway.Intranet.Billing;

/// <summary>What the billing pages share: lists read whatever their envelope, invoice words, and refusals in the reader's language.</summary>
public abstract class BillingPage : IntranetPage
{
    /// <summary>The form labels of the API's field names (the last segment of an error's key, lower case).</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["customerid"] = "Customer",
        ["lines"] = "Lines",
        ["description"] = "Description",
        ["quantity"] = "Quantity",
        ["unitprice"] = "Unit price excluding VAT",
        ["amount"] = "Amount",
        ["currency"] = "Currency",
        ["vatrate"] = "VAT rate (%)",
        ["serviceperiod"] = "Service period",
        ["from"] = "From",
        ["to"] = "To",
        ["note"] = "Note",
        ["method"] = "Method",
        ["date"] = "Date",
        ["reference"] = "Reference",
        ["reason"] = "Reason",
        ["legalname"] = "Legal name",
        ["legalform"] = "Legal form",
        ["sharecapital"] = "Share capital",
        ["address"] = "Address",
        ["line1"] = "Address",
        ["line2"] = "Address (continued)",
        ["postalcode"] = "Postal code",
        ["city"] = "City",
        ["country"] = "Country (two letters)",
        ["siren"] = "SIREN",
        ["siret"] = "SIRET",
        ["rcs"] = "Trade register (RCS)",
        ["vatnumber"] = "VAT number",
        ["electronicaddress"] = "Electronic invoicing address",
        ["email"] = "Email",
        ["vatregime"] = "VAT regime",
        ["vatondebits"] = "VAT on debits",
        ["paymenttermsdays"] = "Payment terms (days)",
        ["latepenaltyrate"] = "Late-payment penalty rate (% a year)",
        ["iban"] = "IBAN",
        ["bic"] = "BIC",
        ["invoiceprefix"] = "Invoice number prefix",
        ["creditnoteprefix"] = "Credit note number prefix",
        ["language"] = "Language of documents",
    };

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

    private string FieldLabel(string key)
    {
        var last = key.Split('.').Last();
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        var name = bracket >= 0 ? last[..bracket] : last;
        var label = FieldLabels.TryGetValue(name, out var known) ? L(known) : key;

        // "lines[1].unitPrice": which line, counted as people count.
        var line = System.Text.RegularExpressions.Regex.Match(key, @"lines\[(\d+)\]", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return line.Success && !name.Equals("lines", StringComparison.OrdinalIgnoreCase)
            ? Session.Format("Line {0}", int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1) + ", " + label
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

    /// <summary>An invoice's status in the reader's words.</summary>
    protected string StatusName(string status) => status switch
    {
        "draft" => L("Draft"),
        "issued" => L("Issued"),
        "partially-paid" => L("Partially paid"),
        "paid" => L("Paid"),
        "cancelled" => L("Cancelled by a credit note"),
        _ => status,
    };

    protected string KindName(string kind) => kind == "credit-note" ? L("Credit note") : L("Invoice");

    protected string MethodName(string method) => method switch
    {
        "bank-transfer" => L("Bank transfer"),
        "cash" => L("Cash"),
        "cheque" => L("Cheque"),
        "card" => L("Card"),
        _ => method,
    };

    protected string Money(MoneyDocument? money) => money is null ? "" : Session.Money(money.Amount, money.Currency);

    /// <summary>A VAT rate as people write it: 20 %, 5,5 %.</summary>
    protected string Rate(decimal rate) => rate.ToString("0.##", Session.Culture) + " %";

    /// <summary>What a document is called on the page: its number once issued, else "Draft".</summary>
    protected string Title(string kind, string? number) => number is { Length: > 0 } ? $"{KindName(kind)} {number}" : Session.Format("{0} (draft)", KindName(kind));

    /// <summary>The download addresses (the intranet passes the stored original on, as the signed-in person).</summary>
    protected static string PdfLink(string id) => $"billing/invoices/{id}/pdf";

    protected static string XmlLink(string id) => $"billing/invoices/{id}/factur-x.xml";
}
