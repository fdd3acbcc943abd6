using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Contracts.Booking;
using Operators.Contracts.Membership;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Tests;

/// <summary>
/// The billing service killed (SIGKILL) in the middle of an invoice run, on PostgreSQL and RabbitMQ, then restarted: the
/// schedule takes the stalled run over, and in the end every charge is billed once, every customer has one invoice,
/// the numbers have no gap and the chain is intact.
/// </summary>
public sealed class RunCrashTests
{
    private const int Customers = 150;
    private ServiceHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await ServiceHost.StartAsync("Billing", "Postgres", new Dictionary<string, string>
    {
        ["Billing:RunScheduleCron"] = "* * * * *",
        ["Billing:RunLease"] = "00:00:05",
    }, observe: s => s.Observe<InvoiceIssued>());

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    [Test]
    public async Task A_run_killed_halfway_completes_after_the_restart_billing_each_charge_once_with_gapless_numbers()
    {
        var space = await host.ProvisionSpaceAsync("run-crash");
        var today = TestCalendar.Today(DateTimeOffset.UtcNow, TestCalendar.Paris);
        using (var setup = host.Client(space, Guid.NewGuid(), SpaceRoles.Treasurer))
        {
            using var saved = await setup.PutAsJsonAsync("/api/billing/settings", Settings());
            await OperatorsClient.ExpectAsync(saved, HttpStatusCode.OK);
        }

        var local = today.ToDateTime(new TimeOnly(10, 0));
        var start = new DateTimeOffset(local, TestCalendar.Paris.GetUtcOffset(local));
        for (var i = 0; i < Customers; i++)
        {
            var member = Guid.NewGuid();
            await host.PublishAsync(space, new MemberBillingDetailsChanged(member, $"m{i}@example.test", $"Membre {i:D3}",
                new BillingDetails($"Membre {i:D3}", new Address("1 rue du Four", null, "26400", "Crest"), false, null, null, null), null));
            await host.PublishAsync(space, new BookingConfirmed(Guid.NewGuid(), Guid.NewGuid(), "Salle", member, start, start.AddHours(1), 1, null, 0m,
                new Money(10m + i, "EUR"), 20m, null, true));
        }

        var client = host.Client(space, Guid.NewGuid(), SpaceRoles.Treasurer);
        await Eventually.MatchAsync(
            async () => (await client.GetFromJsonAsync<JsonArray>("/api/billing/charges?status=unbilled"))!.Count, n => n == Customers, TimeSpan.FromSeconds(120), "the charges");
        var started = await (await client.PostAsJsonAsync("/api/billing/runs", new { period = $"{today:yyyy-MM}" })).Content.ReadFromJsonAsync<JsonObject>();
        var runPath = $"/api/billing/runs/{started!["id"]}";
        var halfway = await Eventually.MatchAsync(
            async () => (await client.GetFromJsonAsync<JsonObject>(runPath))!["done"]!.GetValue<int>(), n => n >= 10, TimeSpan.FromSeconds(60), "the run to be under way");

        await host.CrashAndRestartAsync();
        client.Dispose();
        client = host.Client(space, Guid.NewGuid(), SpaceRoles.Treasurer);
        var run = await Eventually.MatchAsync(
            () => client.GetFromJsonAsync<JsonObject>(runPath)!, r => r!["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(180), "the run to complete after the restart");
        var charges = (await client.GetFromJsonAsync<JsonArray>("/api/billing/charges"))!;
        var invoices = (await client.GetFromJsonAsync<JsonArray>("/api/billing/invoices"))!;
        var integrity = (await client.GetFromJsonAsync<JsonObject>("/api/billing/integrity"))!;
        client.Dispose();

        var numbers = invoices.Select(i => i!["number"]?.GetValue<string>()).ToList();
        var expected = Enumerable.Range(1, Customers).Select(n => $"F-{today.Year}-{n:D5}").ToList();
        var billedTwice = charges.GroupBy(c => c!["customerId"]!.GetValue<string>()).Count(g => g.Select(c => c!["invoiceId"]?.GetValue<string>()).Distinct().Count() > 1);
        var missing = expected.Except(numbers.OfType<string>()).Count();
        TestContext.Out.WriteLine(
            $"charges expected {Customers} / billed {charges.Count(c => c!["status"]!.GetValue<string>() == "billed")} / billed twice {billedTwice} / " +
            $"invoices {invoices.Count} / numbers missing {missing} / done before the kill {halfway}");

        Assert.Multiple(() =>
        {
            Assert.That(halfway, Is.LessThan(Customers), "the kill came before the run's end");
            Assert.That(charges.Select(c => c!["status"]!.GetValue<string>()), Is.All.EqualTo("billed"));
            Assert.That(invoices, Has.Count.EqualTo(Customers), "one invoice per customer, no orphan draft");
            Assert.That(invoices.Select(i => i!["customerId"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(Customers));
            Assert.That(numbers.Order(StringComparer.Ordinal), Is.EqualTo(expected));
            Assert.That(charges.Select(c => c!["invoiceId"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(Customers));
            Assert.That(run!["done"]!.GetValue<int>(), Is.EqualTo(Customers));
            Assert.That(integrity["valid"]!.GetValue<bool>(), Is.True, integrity.ToJsonString());
        });
    }

    private static JsonObject Settings() => new()
    {
        ["legalName"] = "La Ruche du Val",
        ["legalForm"] = "SAS",
        ["address"] = new JsonObject { ["line1"] = "2 rue de la Gare", ["postalCode"] = "26400", ["city"] = "Crest", ["country"] = "FR" },
        ["siren"] = "732829320",
        ["siret"] = "73282932000074",
        ["vatNumber"] = "FR44732829320",
        ["electronicAddress"] = "732829320",
        ["iban"] = "FR7630006000011234567890189",
        ["bic"] = "AGRIFRPP",
        ["autoIssue"] = true,
    };
}
