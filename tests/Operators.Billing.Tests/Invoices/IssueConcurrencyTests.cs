using Microsoft.EntityFrameworkCore;
using Operators.Billing.Documents;
using Operators.Billing.Integrity;
using Operators.Billing.Invoices;

namespace Operators.Billing.Tests.Invoices;

/// <summary>A renderer that fails for some documents, as a crash mid-issue would: their transactions roll back.</summary>
internal sealed class FailingRenderer(IInvoiceDocumentRenderer inner, Func<InvoiceDocumentModel, bool> fails) : IInvoiceDocumentRenderer
{
    public RenderedDocument Render(InvoiceDocumentModel model) =>
        fails(model) ? throw new InvalidOperationException("Simulated failure while rendering: the issue rolls back.") : inner.Render(model);
}

[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class IssueConcurrencyTests(string provider)
{
    [Test]
    public async Task Fifty_parallel_issues_with_some_rolled_back_give_numbers_one_to_n_without_gap_or_duplicate()
    {
        var failing = new HashSet<Guid>();
        var renderer = new FailingRenderer(TestRenderers.Real, m => failing.Contains(Guid.Parse(m.Note ?? Guid.Empty.ToString())));
        await using var harness = await IssueHarness.StartAsync(provider, renderer);
        var (space, customer) = await harness.AddSpaceAsync("numbers");
        var drafts = await harness.DraftsAsync(space, customer, 50);
        // Every seventh draft fails while it holds the lock and its number: its transaction must give the number back.
        await harness.InSpaceAsync(space, async db =>
        {
            foreach (var d in await db.Invoices.ToListAsync())
            {
                d.Note = d.Id.ToString();
            }

            await db.SaveChangesAsync();
        });
        failing.UnionWith(drafts.Where((_, i) => i % 7 == 3));

        var outcomes = await Task.WhenAll(drafts.Select(id => Task.Run(async () =>
        {
            try
            {
                return (id, Number: (await harness.IssueAsync(space, id))?.Issued?.Number, Failed: false);
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Simulated", StringComparison.Ordinal))
            {
                return (id, Number: null, Failed: true);
            }
        })));

        var stored = await harness.InSpaceAsync(space, db => db.Invoices.AsNoTracking().Where(i => i.Number != null)
            .OrderBy(i => i.ChainIndex).Select(i => new { i.Id, i.Number, i.Sequence, i.ChainIndex }).ToListAsync());
        var report = await harness.InSpaceAsync(space, db => IntegrityApi.VerifyChainAsync(db, CancellationToken.None));
        var issued = outcomes.Count(o => !o.Failed);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o.Failed), Is.EqualTo(failing.Count), "the drafts made to fail, and only those");
            Assert.That(stored.Select(s => s.Sequence), Is.EqualTo(Enumerable.Range(1, issued)), "numbers 1..N in chain order");
            Assert.That(stored.Select(s => s.Number), Is.EqualTo(Enumerable.Range(1, issued).Select(n => $"F-2027-{n:D5}")));
            Assert.That(stored.Select(s => s.ChainIndex), Is.EqualTo(Enumerable.Range(1, issued).Select(n => (long?)n)));
            Assert.That(outcomes.Where(o => !o.Failed).Select(o => o.Number).Distinct().Count(), Is.EqualTo(issued), "no duplicate");
            Assert.That(stored.Select(s => s.Id), Is.EquivalentTo(drafts.Except(failing)));
            Assert.That(report.Valid, Is.True, report.FirstBroken?.Reason);
            Assert.That(report.Documents, Is.EqualTo(issued));
        });
    }

    [Test]
    public async Task The_same_draft_issued_twice_at_once_gets_one_number()
    {
        await using var harness = await IssueHarness.StartAsync(provider, TestRenderers.Real);
        var (space, customer) = await harness.AddSpaceAsync("twice");
        var draft = (await harness.DraftsAsync(space, customer, 1))[0];

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => harness.IssueAsync(space, draft))));

        var numbers = await harness.InSpaceAsync(space, db => db.Invoices.Where(i => i.Number != null).Select(i => i.Number).ToListAsync());
        var chain = await harness.InSpaceAsync(space, db => db.IssueChains.AsNoTracking().SingleAsync());
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o!.Issued is not null), Is.EqualTo(1));
            Assert.That(outcomes.Where(o => o!.Issued is null).Select(o => o!.Refusal), Has.All.Contains("already issued as F-2027-00001"));
            Assert.That(numbers, Is.EqualTo(new[] { "F-2027-00001" }));
            Assert.That(chain.Count, Is.EqualTo(1));
        });
    }
}

/// <summary>The renderer the in-process tests use: the real one, so issuing holds the lock as long as it does in production.</summary>
internal static class TestRenderers
{
    public static IInvoiceDocumentRenderer Real { get; } = new FacturXRenderer();
}
