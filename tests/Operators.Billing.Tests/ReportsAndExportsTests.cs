using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Operators.Billing.Tests;

/// <summary>The treasurer's summary, the FEC parsed back and checked line by line, and the invoices' CSV.</summary>
public sealed partial class BillingApiTests
{
    private async Task<(JsonObject First, JsonObject Second, JsonObject Credit, Guid Company, Guid Lea)> AccountsAsync(Guid space, HttpClient treasurer)
    {
        await ReadyToIssueAsync(space);
        var company = await CompanyCustomerAsync(space, "=HYPERLINK(\"x\")");
        var lea = await MemberCustomerAsync(space, "Léa Roux", Address("Léa Roux"));
        var first = await IssuedAsync(treasurer, company, Line("Bureau", 1m, 300m), Line("Repas", 2m, 15m, 10m));
        var second = await IssuedAsync(treasurer, lea, Line("Pass", 3m, 20m));
        await PostAsync(treasurer, $"/api/billing/invoices/{first["id"]}/payments", new JsonObject { ["amount"] = 200m, ["method"] = "bank-transfer", ["reference"] = "VIR 1" }, HttpStatusCode.Created);
        await PostAsync(treasurer, $"/api/billing/invoices/{second["id"]}/payments", new JsonObject { ["amount"] = 72m, ["method"] = "cash" }, HttpStatusCode.Created);
        var credit = await PostAsync(treasurer, $"/api/billing/invoices/{first["id"]}/credit-notes",
            new JsonObject { ["lines"] = new JsonArray(Line("Repas", 1m, 15m, 10m)), ["reason"] = "Un repas de trop" }, HttpStatusCode.Created);
        return (first, second, credit, company, lea);
    }

    [Test]
    public async Task The_summary_gives_revenue_net_of_credit_notes_vat_per_rate_and_what_is_outstanding()
    {
        var space = await SpaceAsync("reports");
        using var treasurer = Treasurer(space);
        var (first, second, credit, _, _) = await AccountsAsync(space, treasurer);
        var today = Today;
        var summary = await GetJsonAsync(treasurer, "/api/billing/reports/summary");
        using var backwards = await treasurer.GetAsync(new Uri($"/api/billing/reports/summary?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}", UriKind.Relative));
        using var member = As(space, Guid.NewGuid());
        using var denied = await member.GetAsync(new Uri("/api/billing/reports/summary", UriKind.Relative));
        var month = summary["revenue"]!.AsArray().Single()!;
        var rates = summary["vatByRate"]!.AsArray();

        Assert.Multiple(async () =>
        {
            Assert.That(month["month"]!.GetValue<string>(), Is.EqualTo($"{today:yyyy-MM}"));
            // 300 + 30 + 60 invoiced, 15 credited: 375 excl. VAT; VAT 60 + 3 + 12 − 1.50 = 73.50.
            Assert.That(Amount(month["net"]), Is.EqualTo(375m));
            Assert.That(Amount(month["vat"]), Is.EqualTo(73.50m));
            Assert.That(Amount(month["gross"]), Is.EqualTo(448.50m));
            Assert.That((month["invoices"]!.GetValue<int>(), month["creditNotes"]!.GetValue<int>()), Is.EqualTo((2, 1)));
            Assert.That(rates.Select(r => (r!["rate"]!.GetValue<decimal>(), Amount(r["base"]), Amount(r["vat"]))), Is.EqualTo(new[] { (20m, 360m, 72m), (10m, 15m, 1.5m) }));
            // First: 393 − 200 paid − 16.50 credited = 176.50 due; second: paid in full.
            Assert.That(Amount(summary["outstanding"]), Is.EqualTo(176.50m));
            Assert.That(summary["openInvoices"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(summary["overdueAgeing"]!.AsArray().Select(b => b!["bucket"]!.GetValue<string>()), Is.EqualTo(new[] { "0-30", "31-60", "61-90", "90+" }));
            Assert.That(Amount(summary["overdue"]), Is.Zero, "due in 30 days");
            Assert.That((await ErrorsAsync(backwards)).ContainsKey("to"));
            Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(new[] { first["number"], second["number"], credit["number"] }, Is.All.Not.Null);
        });
    }

    [Test]
    public async Task The_fec_has_18_columns_balanced_entries_numbered_per_journal_and_payments_lettered_to_their_invoice()
    {
        var space = await SpaceAsync("fec");
        using var treasurer = Treasurer(space);
        var (first, second, credit, company, _) = await AccountsAsync(space, treasurer);
        var year = Today.Year;
        using var response = await treasurer.GetAsync(new Uri($"/api/billing/exports/fec?year={year}", UriKind.Relative));
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        var header = rows[0];
        var lines = rows.Skip(1).Select(f => header.Zip(f).ToDictionary(p => p.First, p => p.Second)).ToList();
        static decimal Num(string s) => decimal.Parse(s.Replace(',', '.'), CultureInfo.InvariantCulture);
        using var noYear = await treasurer.GetAsync(new Uri("/api/billing/exports/fec", UriKind.Relative));
        using var future = await treasurer.GetAsync(new Uri($"/api/billing/exports/fec?year={year + 1}", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(response.Content.Headers.ContentDisposition!.FileName?.Trim('"'), Is.EqualTo($"732829320FEC{year}1231.txt"));
            Assert.That(bytes[0], Is.Not.EqualTo(0xEF), "no byte order mark");
            Assert.That(header, Is.EqualTo(new[]
            {
                "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate",
                "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
            }));
            Assert.That(rows.Skip(1).Select(r => r.Length), Is.All.EqualTo(18));
            foreach (var l in lines)
            {
                Assert.That(new[] { l["EcritureDate"], l["PieceDate"], l["ValidDate"] }, Is.All.Match(@"^\d{8}$"));
                Assert.That(new[] { l["Debit"], l["Credit"] }, Is.All.Match(@"^\d+,\d{2}$"));
                Assert.That(l["DateLet"], Does.Match(@"^(\d{8})?$"));
            }

            // Each entry balanced; entries numbered 1, 2, 3… in each journal; sorted by validation date.
            foreach (var entry in lines.GroupBy(l => l["EcritureNum"]))
            {
                Assert.That(entry.Sum(l => Num(l["Debit"])), Is.EqualTo(entry.Sum(l => Num(l["Credit"]))), entry.Key);
            }

            foreach (var journal in lines.GroupBy(l => l["JournalCode"]))
            {
                var numbers = journal.Select(l => l["EcritureNum"]).Distinct().ToList();
                Assert.That(numbers, Is.EqualTo(Enumerable.Range(1, numbers.Count).Select(n => $"{journal.Key}{n:D6}")), journal.Key);
            }

            Assert.That(lines.Select(l => l["ValidDate"]), Is.Ordered);
            Assert.That(lines.Select(l => l["JournalCode"]).Distinct().Order(), Is.EqualTo(new[] { "BQ", "CA", "VT" }));
            var sales = lines.Where(l => l["JournalCode"] == "VT").ToList();
            var firstSale = sales.Where(l => l["PieceRef"] == first["number"]!.GetValue<string>()).ToList();
            Assert.That(firstSale.Single(l => l["CompteNum"] == "411")["Debit"], Is.EqualTo("393,00"));
            Assert.That(firstSale.Single(l => l["CompteNum"] == "445711")["Credit"], Is.EqualTo("60,00"));
            Assert.That(firstSale.Single(l => l["CompteNum"] == "445712")["Credit"], Is.EqualTo("3,00"));
            Assert.That(firstSale.Where(l => l["CompteNum"] == "706").Sum(l => Num(l["Credit"])), Is.EqualTo(330m));
            var creditLines = sales.Where(l => l["PieceRef"] == credit["number"]!.GetValue<string>()).ToList();
            Assert.That(creditLines.Single(l => l["CompteNum"] == "411")["Credit"], Is.EqualTo("16,50"), "a credit note reverses the sale");
            Assert.That(creditLines.Single(l => l["CompteNum"] == "706")["Debit"], Is.EqualTo("15,00"));
            var transfer = lines.Where(l => l["JournalCode"] == "BQ").ToList();
            Assert.That(transfer.Single(l => l["CompteNum"] == "512")["Debit"], Is.EqualTo("200,00"));
            var letter = firstSale.Single(l => l["CompteNum"] == "411")["EcritureLet"];
            Assert.That(letter, Is.Not.Empty);
            Assert.That(transfer.Single(l => l["CompteNum"] == "411")["EcritureLet"], Is.EqualTo(letter), "the payment is lettered to its invoice");
            Assert.That(creditLines.Single(l => l["CompteNum"] == "411")["EcritureLet"], Is.EqualTo(letter));
            Assert.That(firstSale.Single(l => l["CompteNum"] == "411")["CompAuxNum"], Does.StartWith("C"));
            Assert.That(lines.Where(l => l["JournalCode"] == "CA").Single(l => l["CompteNum"] == "530")["Debit"], Is.EqualTo("72,00"));
            Assert.That(second["number"], Is.Not.Null);
            Assert.That((await ErrorsAsync(noYear)).ContainsKey("year"));
            Assert.That((await ErrorsAsync(future)).ContainsKey("year"));
            Assert.That(company, Is.Not.EqualTo(Guid.Empty));
        });
    }

    [Test]
    public async Task The_invoices_csv_lists_the_issued_documents_and_defuses_a_formula_in_a_name()
    {
        var space = await SpaceAsync("csv");
        using var treasurer = Treasurer(space);
        var (first, _, credit, _, _) = await AccountsAsync(space, treasurer);
        using var response = await treasurer.GetAsync(new Uri("/api/billing/exports/invoices.csv", UriKind.Relative));
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
            Assert.That(lines[0], Is.EqualTo("number,kind,status,issueDate,dueDate,customer,customerId,siren,vatNumber,net,vat,gross,paid,credited,amountDue,currency,credits"));
            Assert.That(lines, Has.Length.EqualTo(4));
            var row = lines.Single(l => l.StartsWith(first["number"]!.GetValue<string>() + ",", StringComparison.Ordinal));
            Assert.That(row, Does.Contain(",330.00,63.00,393.00,200.00,16.50,176.50,EUR,"));
            Assert.That(row, Does.Not.Contain(",=HYPERLINK"), "a formula is escaped");
            Assert.That(lines.Single(l => l.StartsWith(credit["number"]!.GetValue<string>() + ",", StringComparison.Ordinal)), Does.EndWith("," + first["number"]!.GetValue<string>()));
        });
    }
}
