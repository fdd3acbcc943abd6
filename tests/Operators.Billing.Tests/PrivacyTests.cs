using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Operators.Billing.Customers;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.Billing.Privacy;
using Operators.Contracts;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy;

namespace Operators.Billing.Tests;

public sealed partial class BillingApiTests
{
    private static Task<JsonObject> BillingExportAsync(HttpClient client, Guid person) => GetJsonAsync(client, $"/api/billing/members/{person}/export");

    [Test]
    public async Task The_person_and_the_space_s_owners_and_treasurers_export_what_billing_holds_about_them_nobody_else()
    {
        var space = await SpaceAsync("privacy-export");
        var ana = await MemberCustomerAsync(space, "Ana Export", CustomerDetails("Ana Export"));
        var bob = await MemberCustomerAsync(space, "Bob Other");
        using var self = As(space, ana);
        using var formerMember = host.Client(space, ana);
        using var owner = Owner(space);
        using var op = Operator(space);
        using var treasurer = Treasurer(space);
        using var other = As(space, bob);
        using var outsider = As(await SpaceAsync("privacy-outside"), Guid.NewGuid(), SpaceRoles.Owner);

        var own = await BillingExportAsync(self, ana);
        var left = await BillingExportAsync(formerMember, ana);
        var byOwner = await BillingExportAsync(owner, ana);
        var byTreasurer = await BillingExportAsync(treasurer, ana);
        // An operator runs the desk, not the accounts: invoices and payments are not theirs to read.
        await OperatorsClient.ProblemAsync(await op.GetAsync(new Uri($"/api/billing/members/{ana}/export", UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await other.GetAsync(new Uri($"/api/billing/members/{ana}/export", UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await outsider.GetAsync(new Uri($"/api/billing/members/{ana}/export", UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await owner.GetAsync(new Uri($"/api/billing/members/{Guid.NewGuid()}/export", UriKind.Relative)), HttpStatusCode.NotFound);
        using var nobody = host.Client(space, null);
        await OperatorsClient.ProblemAsync(await nobody.GetAsync(new Uri($"/api/billing/members/{ana}/export", UriKind.Relative)), HttpStatusCode.Unauthorized);

        Assert.Multiple(() =>
        {
            Assert.That(own["memberId"]!.GetValue<string>(), Is.EqualTo(ana.ToString()));
            Assert.That(own["customer"]!["billing"]!["name"]!.GetValue<string>(), Is.EqualTo("Ana Export"));
            Assert.That(own["customer"]!["billing"]!["address"]!["city"]!.GetValue<string>(), Is.EqualTo("Lyon"));
            Assert.That(own["invoices"]!.AsArray(), Is.Empty);
            Assert.That(own["payments"]!.AsArray(), Is.Empty);
            Assert.That(left.ToJsonString(), Is.EqualTo(own.ToJsonString()), "someone without a role here still has the right to their data");
            Assert.That(byOwner.ToJsonString(), Is.EqualTo(own.ToJsonString()));
            Assert.That(byTreasurer.ToJsonString(), Is.EqualTo(own.ToJsonString()));
            Assert.That(own.ToJsonString(), Does.Not.Contain("Bob Other"), "nobody else's data");
        });
    }

    [Test]
    public async Task An_erased_member_s_customer_is_anonymised_once_and_details_sent_before_the_erasure_do_not_bring_them_back()
    {
        var space = await SpaceAsync("privacy-erase");
        using var treasurer = Treasurer(space);
        using var owner = Owner(space);
        var company = await CompanyCustomerAsync(space, "Kept Corp");
        var lea = await MemberCustomerAsync(space, "Léa Erased", CustomerDetails("Léa Erased EI", siren: "552081317", vatNumber: "FR03552081317"), company);
        var email = (await CustomerJsonAsync(treasurer, lea))["email"]!.GetValue<string>();

        var erasedAt = DateTimeOffset.UtcNow;
        var erasure = Guid.NewGuid();
        await host.PublishAsync(space, new MemberErased(lea, erasedAt), erasure);
        await host.PublishAsync(space, new MemberErased(lea, erasedAt), erasure);
        var erased = await Eventually.MatchAsync(() => CustomerJsonAsync(treasurer, lea), c => c["erased"]!.GetValue<bool>(), CustomerPatience, "the erasure");
        var export = await BillingExportAsync(owner, lea);

        // Her details, sent by membership just before the erasure, delivered after it.
        await host.PublishAsync(space, new MemberBillingDetailsChanged(lea, email, "Léa Erased", CustomerDetails("Léa Erased EI"), company), sentAt: erasedAt.AddSeconds(-1));
        // And details written before the erasure that membership's outbox relayed only after it (a broker outage).
        await host.PublishAsync(space, new MemberBillingDetailsChanged(lea, email, "Léa Erased", CustomerDetails("Léa Erased EI"), company), writtenAt: erasedAt.AddSeconds(-1));
        await CustomersSettledAsync(space);
        var afterLate = await CustomerJsonAsync(treasurer, lea);

        // Someone never known to billing: erased all the same, so that nothing in flight creates them.
        var stranger = Guid.NewGuid();
        await host.PublishAsync(space, new MemberErased(stranger, erasedAt));
        await Eventually.MatchAsync(() => GetArrayAsync(treasurer, "/api/billing/customers"), l => l.Any(c => c!["id"]!.GetValue<string>() == stranger.ToString()), CustomerPatience, "the stranger's tombstone");
        await host.PublishAsync(space, new MemberBillingDetailsChanged(stranger, "stranger@example.test", "Stranger", null, null), sentAt: erasedAt.AddSeconds(-1));

        // The space adds her again later: a fresh customer (written after the erasure, as its outbox stamps it).
        await host.PublishAsync(space, new MemberBillingDetailsChanged(lea, email, "Léa Back", null, null), writtenAt: DateTimeOffset.UtcNow);
        var back = await Eventually.MatchAsync(() => CustomerJsonAsync(treasurer, lea), c => !c["erased"]!.GetValue<bool>(), CustomerPatience, "her return");
        var strangerAfter = await CustomerJsonAsync(treasurer, stranger);

        Assert.Multiple(() =>
        {
            Assert.That(erased["displayName"]!.GetValue<string>(), Is.EqualTo(CustomerErasure.ErasedName));
            Assert.That(erased["email"], Is.Null);
            Assert.That(erased["companyId"], Is.Null);
            Assert.That(erased["billing"]!["name"]!.GetValue<string>(), Is.EqualTo(CustomerErasure.ErasedName));
            Assert.That(erased["billing"]!["address"], Is.Null);
            Assert.That(erased["billing"]!["siren"], Is.Null);
            Assert.That(erased["billing"]!["vatNumber"], Is.Null);
            Assert.That(erased.ToJsonString(), Does.Not.Contain("Léa").And.Not.Contain(email));
            Assert.That(export["customer"]!["erased"]!.GetValue<bool>(), Is.True, "what is left is still hers to see");
            Assert.That(afterLate.ToJsonString(), Is.EqualTo(erased.ToJsonString()), "details sent before the erasure stay gone");
            Assert.That(strangerAfter["erased"]!.GetValue<bool>(), Is.True);
            Assert.That(strangerAfter["displayName"]!.GetValue<string>(), Is.EqualTo(CustomerErasure.ErasedName));
            Assert.That(back["displayName"]!.GetValue<string>(), Is.EqualTo("Léa Back"));
            Assert.That(back["billing"]!["address"], Is.Null, "nothing of the old record");
        });
    }

    [Test]
    public async Task Erasure_keeps_the_issued_invoice_and_its_payment_exactly_and_deletes_the_drafts()
    {
        var space = await SpaceAsync("privacy-ledger");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        using var owner = Owner(space);
        var nina = await MemberCustomerAsync(space, "Nina Ledger", Address("Nina Ledger"));
        var issued = await IssuedAsync(treasurer, nina, Line("Bureau, janvier", 1, 100));
        var id = issued["id"]!.GetValue<string>();
        await PostAsync(treasurer, $"/api/billing/invoices/{id}/payments", new JsonObject { ["amount"] = 50, ["method"] = "cheque", ["reference"] = "Chèque Nina" }, HttpStatusCode.Created);
        var draft = await PostAsync(treasurer, "/api/billing/invoices", Draft(nina, Line("Café", 2, 1.5m, 10m)), HttpStatusCode.Created);
        var before = await GetJsonAsync(treasurer, $"/api/billing/invoices/{id}");
        var exported = await BillingExportAsync(owner, nina);

        await host.PublishAsync(space, new MemberErased(nina, DateTimeOffset.UtcNow));
        await Eventually.MatchAsync(() => CustomerJsonAsync(treasurer, nina), c => c["erased"]!.GetValue<bool>(), CustomerPatience, "the erasure");
        var after = await GetJsonAsync(treasurer, $"/api/billing/invoices/{id}");
        await OperatorsClient.ProblemAsync(await treasurer.GetAsync(new Uri($"/api/billing/invoices/{draft["id"]}", UriKind.Relative)), HttpStatusCode.NotFound);
        var exportedAfter = await BillingExportAsync(owner, nina);
        var integrity = await GetJsonAsync(treasurer, "/api/billing/integrity");

        Assert.Multiple(() =>
        {
            Assert.That(exported["invoices"]!.AsArray().Select(i => i!["number"]?.GetValue<string>()), Is.EquivalentTo(new[] { issued["number"]!.GetValue<string>(), null }));
            var invoice = exported["invoices"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == id)!;
            Assert.That(invoice["status"]!.GetValue<string>(), Is.EqualTo("partially-paid"));
            Assert.That(invoice["kind"]!.GetValue<string>(), Is.EqualTo("invoice"));
            Assert.That(Amount(invoice["totals"]!["gross"]), Is.EqualTo(120m));
            Assert.That(Amount(invoice["amountDue"]), Is.EqualTo(70m));
            Assert.That(exported["payments"]!.AsArray().Single()!["reference"]!.GetValue<string>(), Is.EqualTo("Chèque Nina"));
            Assert.That(exported["payments"]!.AsArray().Single()!["method"]!.GetValue<string>(), Is.EqualTo("cheque"));
            Assert.That(after.ToJsonString(), Is.EqualTo(before.ToJsonString()), "the issued invoice, with the customer it was issued to, is a legal record");
            Assert.That(after.ToJsonString(), Does.Contain("Nina Ledger"));
            Assert.That(exportedAfter["invoices"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id }), "the draft is gone");
            Assert.That(exportedAfter["payments"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(integrity["valid"]!.GetValue<bool>(), Is.True);
        });
    }
}

/// <summary>
/// The erasure against billing's legal records, in-process on both providers (invoices written straight into the
/// database): issued documents and payments stay exactly as they were, the person's drafts go.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class CustomerErasureTests(string provider)
{
    private static readonly Guid Space = Guid.NewGuid();
    private DbConnection? connection;
    private TestDatabase? database;
    private ServiceProvider services = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<TenantContext>()
            .AddSingleton<ITenantContext>(sp => sp.GetRequiredService<TenantContext>())
            .AddSingleton<OutboxSignal<BillingDbContext>>()
            .AddScoped<Outbox<BillingDbContext>>()
            .AddScoped<CustomerErasure>();
        if (provider == "Postgres")
        {
            database = await TestPostgres.CreateDatabaseAsync("erasure");
            collection.AddDbContext<BillingDbContext, PostgresBillingDbContext>(o => o.UseNpgsql(database.ConnectionString));
        }
        else
        {
            connection = new SqliteConnection("Data Source=:memory:");
            await connection.OpenAsync();
            collection.AddDbContext<BillingDbContext, SqliteBillingDbContext>(o => o.UseSqlite(connection));
        }

        services = collection.BuildServiceProvider(true);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BillingDbContext>().Database.MigrateAsync();
    }

    [TearDown]
    public async Task DropDatabase()
    {
        await services.DisposeAsync();
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Test]
    public async Task Issued_invoices_and_payments_stay_intact_the_person_s_drafts_go_and_others_stay()
    {
        var lea = Guid.NewGuid();
        var someoneElse = Guid.NewGuid();
        var buyer = new PartySnapshot("Léa Martin", new Address("1 rue Haute", null, "69001", "Lyon", "FR"), false, null, null, null, "lea@example.test", null, null, null, null);
        Invoice issued, draft, othersDraft;
        Payment payment;
        using (services.GetRequiredService<ITenantContext>().Change(Space))
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
                db.Customers.Add(new Customer
                {
                    Id = lea, Kind = CustomerKind.Member, DisplayName = "Léa Martin", Email = "lea@example.test", BillingName = "Léa Martin",
                    Line1 = "1 rue Haute", PostalCode = "69001", City = "Lyon", UpdatedAt = DateTime.UtcNow.AddDays(-1),
                });
                issued = Draft(lea);
                draft = Draft(lea);
                othersDraft = Draft(someoneElse);
                db.Invoices.AddRange(issued, draft, othersDraft);
                // Lines go in while the invoice is a draft: the database refuses them on an issued one.
                await db.SaveChangesAsync();
                Issue(issued, buyer);
                payment = new Payment
                {
                    Id = Guid.NewGuid(), InvoiceId = issued.Id, Amount = 50m, Method = PaymentMethod.BankTransfer, Date = new DateOnly(2027, 1, 20),
                    Reference = "VIR Léa Martin", RecordedAt = DateTime.UtcNow.AddDays(-1),
                };
                db.Payments.Add(payment);
                await db.SaveChangesAsync();
            }

            await using (var scope = services.CreateAsyncScope())
            {
                // As MemberErasedConsumer does: in the transaction its inbox row commits with.
                var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await scope.ServiceProvider.GetRequiredService<CustomerErasure>().EraseAsync(lea, DateTime.UtcNow, CancellationToken.None);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }

            await using var check = services.CreateAsyncScope();
            var after = check.ServiceProvider.GetRequiredService<BillingDbContext>();
            var customer = await after.Customers.AsNoTracking().SingleAsync(c => c.Id == lea);
            var invoices = await after.Invoices.AsNoTracking().Include(i => i.Lines).ToDictionaryAsync(i => i.Id);
            var lines = await after.InvoiceLines.AsNoTracking().Select(l => l.InvoiceId).ToListAsync();
            var payments = await after.Payments.AsNoTracking().ToListAsync();

            Assert.Multiple(() =>
            {
                Assert.That((customer.DisplayName, customer.Email, customer.BillingName, customer.Line1, customer.City, customer.Erased),
                    Is.EqualTo((CustomerErasure.ErasedName, (string?)null, (string?)null, (string?)null, (string?)null, true)));
                Assert.That(invoices.Keys, Is.EquivalentTo(new[] { issued.Id, othersDraft.Id }), "her draft is gone, the rest stays");
                Assert.That(lines, Has.None.EqualTo(draft.Id), "with its lines");
                var kept = invoices[issued.Id];
                Assert.That((kept.Number, kept.Status, kept.CustomerId, kept.MemberId), Is.EqualTo(("F-2027-00001", InvoiceStatus.Issued, lea, (Guid?)lea)));
                Assert.That(kept.Buyer, Is.EqualTo(buyer), "the issued invoice keeps the customer it was issued to");
                Assert.That((kept.Net, kept.VatTotal, kept.Gross, kept.PaidAmount, kept.Footprint, kept.Version), Is.EqualTo((100m, 20m, 120m, 50m, issued.Footprint, 0)));
                Assert.That(kept.Lines.Single().Description, Is.EqualTo("Bureau, janvier"));
                Assert.That(payments.Select(p => (p.Id, p.InvoiceId, p.Amount, p.Reference)), Is.EqualTo(new[] { (payment.Id, issued.Id, 50m, (string?)"VIR Léa Martin") }));
            });
        }
    }

    private static Invoice Draft(Guid customer)
    {
        var id = Guid.NewGuid();
        return new Invoice
        {
            Id = id,
            Kind = DocumentKind.Invoice,
            Status = InvoiceStatus.Draft,
            CustomerId = customer,
            MemberId = customer,
            Net = 100m,
            VatTotal = 20m,
            Gross = 120m,
            CreatedAt = DateTime.UtcNow.AddDays(-2),
            Lines = [new InvoiceLine { Id = Guid.NewGuid(), InvoiceId = id, Position = 1, Description = "Bureau, janvier", Quantity = 1m, UnitPrice = 100m, VatRate = 20m, Net = 100m }],
        };
    }

    private static void Issue(Invoice invoice, PartySnapshot buyer)
    {
        invoice.Status = InvoiceStatus.Issued;
        invoice.Number = "F-2027-00001";
        invoice.Series = "F-2027";
        invoice.Sequence = 1;
        invoice.ChainIndex = 1;
        invoice.IssueDate = new DateOnly(2027, 1, 5);
        invoice.DueDate = new DateOnly(2027, 2, 4);
        invoice.Buyer = buyer;
        invoice.PaidAmount = 50m;
        invoice.Footprint = new string('a', 64);
        invoice.IssuedAt = DateTime.UtcNow.AddDays(-2);
    }
}
