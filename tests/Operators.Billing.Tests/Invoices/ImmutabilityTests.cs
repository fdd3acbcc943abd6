using Microsoft.EntityFrameworkCore;
using Operators.Billing.Integrity;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Tenancy;

namespace Operators.Billing.Tests.Invoices;

/// <summary>
/// The database itself refuses to change an issued document — tried column by column with plain SQL, behind the
/// application's back — and the integrity check names the first document altered once the triggers are removed.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class ImmutabilityTests(string provider)
{
    private IssueHarness harness = null!;

    [OneTimeSetUp]
    public async Task Start() => harness = await IssueHarness.StartAsync(provider, TestRenderers.Real);

    [OneTimeTearDown]
    public async Task Stop() => await harness.DisposeAsync();

    private Task<(TenantInfo Space, List<Guid> Issued)> IssuedAsync(string slug, int count) => IssuedAsync(harness, slug, count);

    private static async Task<(TenantInfo Space, List<Guid> Issued)> IssuedAsync(IssueHarness harness, string slug, int count)
    {
        var (space, customer) = await harness.AddSpaceAsync($"{slug}-{Guid.NewGuid():N}"[..30]);
        var drafts = await harness.DraftsAsync(space, customer, count);
        foreach (var d in drafts)
        {
            Assert.That((await harness.IssueAsync(space, d))?.Issued, Is.Not.Null);
        }

        return (space, drafts);
    }

    /// <summary>A value surely different from any stored one, as a SQL literal, for a column of this CLR type.</summary>
    private static string Tampered(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(decimal) || type == typeof(int) || type == typeof(long) ? "987654"
            : type == typeof(Guid) ? $"'{Guid.NewGuid().ToString().ToUpperInvariant()}'"
            : type == typeof(DateOnly) || type == typeof(DateTime) ? "'2001-02-03'"
            : "'zz'"; // short enough for every text column: the length check comes before the trigger
    }

    private static async Task<string?> RefusalAsync(BillingDbContext db, string sql)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql);
            return null;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
        {
            return e.Message;
        }
    }

    [Test]
    public async Task Every_legal_column_of_an_issued_invoice_is_refused_by_the_database_while_its_payment_state_may_move()
    {
        var (space, issued) = await IssuedAsync("columns", 1);
        var id = issued[0];
        var refusals = new Dictionary<string, string?>();
        string? paymentState = "not tried";
        await harness.InSpaceAsync(space, async db =>
        {
            var entity = db.Model.FindEntityType(typeof(Invoice))!;
            var key = provider == "Postgres" ? $"'{id}'" : $"'{id.ToString().ToUpperInvariant()}'";
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName();
                if (DocumentTriggers.MutableColumns.Contains(column))
                {
                    continue;
                }

                refusals[column] = await RefusalAsync(db, $"UPDATE invoices SET \"{column}\" = {Tampered(property.ClrType)} WHERE \"Id\" = {key}");
            }

            paymentState = await RefusalAsync(db, $"UPDATE invoices SET \"Status\" = 'Paid', \"PaidAmount\" = \"Gross\", \"Version\" = \"Version\" + 1 WHERE \"Id\" = {key}");
        });

        Assert.Multiple(() =>
        {
            Assert.That(refusals, Has.Count.GreaterThan(25), "every column but the payment state was tried");
            foreach (var (column, refusal) in refusals)
            {
                Assert.That(refusal, Does.Contain("immutable"), $"changing {column} of an issued invoice");
            }

            Assert.That(paymentState, Is.Null, "recording what was paid stays possible");
        });
    }

    [Test]
    public async Task Issued_documents_their_lines_stored_originals_and_payments_cannot_be_deleted_or_edited_while_drafts_can()
    {
        var (space, issued) = await IssuedAsync("records", 1);
        string Key(Guid g) => provider == "Postgres" ? $"'{g}'" : $"'{g.ToString().ToUpperInvariant()}'";
        var id = Key(issued[0]);
        var results = await harness.InSpaceAsync(space, async db =>
        {
            var draft = await db.Invoices.AsNoTracking().Where(i => i.Number == null).Select(i => (Guid?)i.Id).FirstOrDefaultAsync();
            var customerId = await db.Invoices.AsNoTracking().Where(i => i.Id == issued[0]).Select(i => i.CustomerId).FirstAsync();
            var paymentId = Guid.NewGuid();
            var insertPayment = provider == "Postgres"
                ? $"INSERT INTO payments (\"Id\", \"TenantId\", \"InvoiceId\", \"Amount\", \"Currency\", \"Method\", \"Date\", \"RecordedAt\") VALUES ({Key(paymentId)}, {Key(space.Id)}, {id}, 10, 'EUR', 'Cash', '2027-03-15', '2027-03-15 10:00:00')"
                : $"INSERT INTO payments (\"Id\", \"TenantId\", \"InvoiceId\", \"Amount\", \"Currency\", \"Method\", \"Date\", \"RecordedAt\") VALUES ({Key(paymentId)}, {Key(space.Id)}, {id}, '10.0', 'EUR', 'Cash', '2027-03-15', '2027-03-15 10:00:00')";
            return new Dictionary<string, string?>
            {
                ["delete invoice"] = await RefusalAsync(db, $"DELETE FROM invoices WHERE \"Id\" = {id}"),
                ["edit line"] = await RefusalAsync(db, $"UPDATE invoice_lines SET \"Description\" = 'tampered' WHERE \"InvoiceId\" = {id}"),
                ["delete line"] = await RefusalAsync(db, $"DELETE FROM invoice_lines WHERE \"InvoiceId\" = {id}"),
                ["add line"] = await RefusalAsync(db,
                    $"INSERT INTO invoice_lines (\"Id\", \"TenantId\", \"InvoiceId\", \"Position\", \"Description\", \"Quantity\", \"UnitCode\", \"UnitPrice\", \"VatRate\", \"Net\") VALUES ({Key(Guid.NewGuid())}, {Key(space.Id)}, {id}, 9, 'extra', 1, 'C62', 1, 20, 1)"),
                ["edit original"] = await RefusalAsync(db, $"UPDATE invoice_files SET \"Xml\" = 'tampered' WHERE \"InvoiceId\" = {id}"),
                ["delete original"] = await RefusalAsync(db, $"DELETE FROM invoice_files WHERE \"InvoiceId\" = {id}"),
                ["record payment"] = await RefusalAsync(db, insertPayment),
                ["edit payment"] = await RefusalAsync(db, $"UPDATE payments SET \"Amount\" = 1 WHERE \"Id\" = {Key(paymentId)}"),
                ["delete payment"] = await RefusalAsync(db, $"DELETE FROM payments WHERE \"Id\" = {Key(paymentId)}"),
                ["customer"] = customerId == Guid.Empty ? "none" : null,
            };
        });
        var drafts = await harness.DraftsAsync(space, await harness.InSpaceAsync(space, db => db.Customers.Select(c => c.Id).FirstAsync()), 1);
        var draftEdits = await harness.InSpaceAsync(space, async db => new[]
        {
            await RefusalAsync(db, $"UPDATE invoice_lines SET \"Description\" = 'changed' WHERE \"InvoiceId\" = {Key(drafts[0])}"),
            await RefusalAsync(db, $"UPDATE invoices SET \"Note\" = 'changed' WHERE \"Id\" = {Key(drafts[0])}"),
            await RefusalAsync(db, $"DELETE FROM invoice_lines WHERE \"InvoiceId\" = {Key(drafts[0])}"),
            await RefusalAsync(db, $"DELETE FROM invoices WHERE \"Id\" = {Key(drafts[0])}"),
        });

        Assert.Multiple(() =>
        {
            foreach (var what in new[] { "delete invoice", "edit line", "delete line", "add line", "edit original", "delete original", "edit payment", "delete payment" })
            {
                Assert.That(results[what], Is.Not.Null.And.Contains("immutable").Or.Contains("never changed"), what);
            }

            Assert.That(results["record payment"], Is.Null, "payments are added, never changed");
            Assert.That(results["customer"], Is.Null);
            Assert.That(draftEdits, Has.All.Null, "a draft is edited and deleted freely");
        });
    }

    [TestCase("gross")]
    [TestCase("line")]
    [TestCase("pdf")]
    [TestCase("xml")]
    [TestCase("removed")]
    [TestCase("gap")]
    [TestCase("paid")]
    [TestCase("cancelled")]
    public async Task Integrity_names_the_first_document_altered_behind_the_applications_back(string alteration)
    {
        // A database of its own: the triggers are removed on the way.
        await using var harness = await IssueHarness.StartAsync(provider, TestRenderers.Real);
        var (space, issued) = await IssuedAsync(harness, "chain-" + alteration, 3);
        var before = await harness.InSpaceAsync(space, db => IntegrityApi.VerifyChainAsync(db, CancellationToken.None));
        var second = provider == "Postgres" ? $"'{issued[1]}'" : $"'{issued[1].ToString().ToUpperInvariant()}'";
        await harness.InSpaceAsync(space, async db =>
        {
            // What an attacker with database access does: the triggers go first.
            if (provider == "Postgres")
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE invoices DISABLE TRIGGER USER; ALTER TABLE invoice_lines DISABLE TRIGGER USER; ALTER TABLE invoice_files DISABLE TRIGGER USER");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("DROP TRIGGER invoices_issued_no_update; DROP TRIGGER invoices_issued_no_delete; DROP TRIGGER invoice_lines_issued_no_update; DROP TRIGGER invoice_lines_issued_no_delete; DROP TRIGGER invoice_files_no_update; DROP TRIGGER invoice_files_no_delete");
            }

            var sql = alteration switch
            {
                "gross" => $"UPDATE invoices SET \"Gross\" = \"Gross\" - 100 WHERE \"Id\" = {second}",
                "line" => $"UPDATE invoice_lines SET \"Description\" = 'Rien' WHERE \"InvoiceId\" = {second} AND \"Position\" = 1",
                "pdf" => $"UPDATE invoice_files SET \"Pdf\" = {(provider == "Postgres" ? "'\\x00'::bytea" : "X'00'")} WHERE \"InvoiceId\" = {second}",
                "xml" => $"UPDATE invoice_files SET \"Xml\" = replace(\"Xml\", '</rsm:CrossIndustryInvoice>', '<!-- --></rsm:CrossIndustryInvoice>') WHERE \"InvoiceId\" = {second}",
                // The counter moved on: the next number issued leaves a gap, with a chain that is otherwise sound.
                "gap" => "UPDATE number_series SET \"Last\" = \"Last\" + 3",
                // The payment state is not frozen (payments and credit notes move it): marked paid, or cancelled, with nothing behind it.
                "paid" => $"UPDATE invoices SET \"Status\" = 'Paid', \"PaidAmount\" = \"Gross\" WHERE \"Id\" = {second}",
                "cancelled" => $"UPDATE invoices SET \"Status\" = 'Cancelled' WHERE \"Id\" = {second}",
                _ => $"DELETE FROM invoice_files WHERE \"InvoiceId\" = {second}; DELETE FROM invoice_lines WHERE \"InvoiceId\" = {second}; DELETE FROM invoices WHERE \"Id\" = {second}",
            };
            await db.Database.ExecuteSqlRawAsync(sql);
            if (provider == "Postgres")
            {
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE invoices ENABLE TRIGGER USER; ALTER TABLE invoice_lines ENABLE TRIGGER USER; ALTER TABLE invoice_files ENABLE TRIGGER USER");
            }
        });
        if (alteration == "gap")
        {
            var more = await harness.DraftsAsync(space, await harness.InSpaceAsync(space, db => db.Customers.Select(c => c.Id).FirstAsync()), 1);
            Assert.That((await harness.IssueAsync(space, more[0]))?.Issued?.Number, Is.EqualTo("F-2027-00007"));
        }

        var after = await harness.InSpaceAsync(space, db => IntegrityApi.VerifyChainAsync(db, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(before.Valid, Is.True);
            Assert.That(before.Documents, Is.EqualTo(3));
            Assert.That(after.Valid, Is.False);
            Assert.That(after.FirstBroken!.Position, Is.EqualTo(alteration == "gap" ? 4 : 2));
            Assert.That(after.FirstBroken.Reason, Does.Contain(alteration switch
            {
                "pdf" => "PDF",
                "removed" => "missing",
                "gap" => "gap",
                "paid" => "recorded payments add up to 0",
                "cancelled" => "status says cancelled",
                _ => "content differs",
            }));
        });
    }
}
