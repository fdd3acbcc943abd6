using Operators.Gateway.Intranet.Components;

namespace Operators.Gateway.Intranet.Billing;

/// <summary>What the billing pages share: lists read whatever their envelope, invoice words, and refusals in the reader's language.</summary>
public abstract class BillingPage : ServiceFormPage
{
    /// <summary>The form labels of the API's field names (the last segment of an error's key, lower case).</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["customerid"] = "Customer",
        ["lines"] = "Lines",
        ["description"] = "Description",
        ["quantity"] = "Quantity",
        ["unit"] = "Unit",
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
        ["period"] = "Charges up to the end of",
        ["publishablekey"] = "Publishable key",
        ["secretkey"] = "Secret key",
        ["webhooksecret"] = "Webhook signing secret",
    };

    protected override IReadOnlyDictionary<string, string> FieldLabels => Labels;

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

    protected string RunStatusName(string status) => status switch
    {
        "queued" => L("Waiting to start"),
        "running" => L("Working"),
        "completed" => L("Completed"),
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
