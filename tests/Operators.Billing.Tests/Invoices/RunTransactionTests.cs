using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Operators.Billing.Charges;
using Operators.Billing.Customers;
using Operators.Billing.Runs;

namespace Operators.Billing.Tests.Invoices;

/// <summary>
/// A run invoices each customer in one transaction (draft, issue, progress). When the database refuses a write of one
/// customer's issue, that customer's draft is made again alone and kept with the reason, the others are issued, and
/// the numbers stay gapless — on both providers, with a trigger standing in for the refusal.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class RunTransactionTests(string provider)
{
    [Test]
    public async Task A_customer_whose_issue_the_database_refuses_keeps_a_draft_and_a_problem_while_the_others_are_numbered_without_gap()
    {
        await using var harness = await IssueHarness.StartAsync(provider, TestRenderers.Real, more: RunServices.Add);
        var (space, company) = await harness.AddSpaceAsync("refused-issue");
        var members = await harness.InSpaceAsync(space, async db =>
        {
            (await db.Settings.FirstAsync()).AutoIssue = true;
            var ids = new List<Guid>();
            foreach (var name in new[] { "Ada Refus", "Bob Suite", "Cléo Fin" })
            {
                var member = new Customer
                {
                    Id = Guid.NewGuid(), Kind = CustomerKind.Member, DisplayName = name, BillingName = name, Email = $"{ids.Count}@example.test",
                    Line1 = "1 rue des Tests", PostalCode = "26400", City = "Crest",
                };
                db.Customers.Add(member);
                ids.Add(member.Id);
            }

            foreach (var customer in ids.Append(company))
            {
                db.Charges.Add(new Charge
                {
                    Id = Guid.CreateVersion7(), Source = ChargeSource.Membership, SourceId = Guid.NewGuid(), CustomerId = customer,
                    Description = "Abonnement — février 2027", UnitCode = "MON", UnitPrice = 100m, VatRate = 20m, Date = new DateOnly(2027, 2, 1),
                });
            }

            await db.SaveChangesAsync();
            return ids;
        });
        var refused = members[0];
        await harness.InSpaceAsync(space, db => db.Database.ExecuteSqlRawAsync(provider == "Postgres"
            ? $"""
              CREATE FUNCTION test_refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                IF (SELECT "CustomerId" FROM invoices WHERE "Id" = NEW."InvoiceId") = '{refused}'::uuid THEN
                  RAISE EXCEPTION 'refused for the test';
                END IF;
                RETURN NEW;
              END $$;
              CREATE TRIGGER test_refuse_one BEFORE INSERT ON invoice_files FOR EACH ROW EXECUTE FUNCTION test_refuse_one();
              """
            : $"""
              CREATE TRIGGER test_refuse_one BEFORE INSERT ON invoice_files
                WHEN (SELECT upper("CustomerId") FROM invoices WHERE "Id" = NEW."InvoiceId") = upper('{refused}')
                BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;
              """));

        var run = await harness.WithServicesAsync(space, async sp =>
        {
            var runs = sp.GetRequiredService<InvoiceRuns>();
            var started = await runs.StartAsync("2027-02", new DateOnly(2027, 2, 28), null, null, CancellationToken.None);
            await runs.WorkAsync(space.Id, started.Id, CancellationToken.None);
            return started.Id;
        });
        var (worked, documents, charges) = await harness.InSpaceAsync(space, async db => (
            await db.Set<InvoiceRun>().AsNoTracking().FirstAsync(r => r.Id == run),
            await db.Invoices.AsNoTracking().OrderBy(i => i.Sequence).ToListAsync(),
            await db.Charges.AsNoTracking().ToListAsync()));

        // The refusal lifted, the kept draft is issued by hand: it takes the next number.
        await harness.InSpaceAsync(space, db => db.Database.ExecuteSqlRawAsync(provider == "Postgres" ? "DROP TRIGGER test_refuse_one ON invoice_files" : "DROP TRIGGER test_refuse_one"));
        var draft = documents.Single(d => d.Number is null);
        var issuedLater = await harness.IssueAsync(space, draft.Id);

        Assert.Multiple(() =>
        {
            Assert.That((worked.Status, worked.Total, worked.Done, worked.Failed), Is.EqualTo((RunStatus.Completed, 4, 3, 1)));
            Assert.That(worked.Problems.Single().CustomerId, Is.EqualTo(refused));
            Assert.That(worked.Problems.Single().Reason, Does.StartWith("Draft kept, not issued: the database refused it").And.Contain("refused for the test"));
            Assert.That(documents.Where(d => d.Number != null).Select(d => d.Number), Is.EqualTo(new[] { "F-2027-00001", "F-2027-00002", "F-2027-00003" }));
            Assert.That(draft.CustomerId, Is.EqualTo(refused));
            Assert.That(documents, Has.Count.EqualTo(4), "one document per customer, the refused one a draft");
            Assert.That(charges.All(c => c.InvoiceId != null), "every charge claimed once, the refused customer's by their draft");
            Assert.That(charges.Single(c => c.CustomerId == refused).InvoiceId, Is.EqualTo(draft.Id));
            Assert.That(issuedLater?.Issued?.Number, Is.EqualTo("F-2027-00004"));
        });
    }
}
