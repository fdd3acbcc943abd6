using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Operators.Billing.Documents;
using Operators.Billing.Dunning;
using Operators.Billing.Invoices;
using Operators.Billing.Tests.Invoices;
using Operators.Contracts.Billing;
using Operators.Messaging;
using Operators.ServiceDefaults.Email;

namespace Operators.Billing.Tests;

/// <summary>
/// Dunning in process on both providers, with a clock the test moves on: days pass, reminders go at +7, +15 and +30
/// days past due through the platform's mail path (the pickup folder, as .eml files), once each however often the job
/// runs, each with its <c>InvoiceOverdue</c> in the outbox.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class DunningTests(string provider)
{
    private IssueHarness harness = null!;
    private string pickup = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        pickup = Directory.CreateTempSubdirectory("dunning-mail-").FullName;
        harness = await IssueHarness.StartAsync(provider, new FacturXRenderer(), more: services => services
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(new InMemoryStorage()))
            .Configure<EmailOptions>(o => o.PickupDirectory = pickup)
            .AddSingleton<Mailer>()
            .AddScoped<DunningJob>());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await harness.DisposeAsync();
        Directory.Delete(pickup, recursive: true);
    }

    [Test]
    public async Task Reminders_go_once_at_each_step_past_due_with_their_event_and_stop_once_paid()
    {
        var (space, customer) = await harness.AddSpaceAsync($"dunning-{provider.ToLowerInvariant()}");
        var drafts = await harness.DraftsAsync(space, customer, 2);
        var unpaid = (await harness.IssueAsync(space, drafts[0]))!.Issued!;
        var paid = (await harness.IssueAsync(space, drafts[1]))!.Issued!;
        async Task RunOnAsync(int daysAfterDue)
        {
            harness.Clock.MoveTo(new DateTimeOffset(unpaid.DueDate!.Value.AddDays(daysAfterDue).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(1)));
            await harness.WithServicesAsync(space, async s =>
            {
                var job = s.GetRequiredService<DunningJob>();
                await job.RemindAsync(CancellationToken.None);
                await job.SendAsync(CancellationToken.None);
                return true;
            });
        }

        var before = Directory.GetFiles(pickup).Length;
        await RunOnAsync(6);
        var none = Directory.GetFiles(pickup).Length - before;
        await RunOnAsync(7);
        await RunOnAsync(7);
        // The second invoice is paid in full before the second step.
        await harness.InSpaceAsync(space, async db =>
        {
            var invoice = await db.Invoices.FirstAsync(i => i.Id == paid.Id);
            invoice.PaidAmount = invoice.Gross;
            invoice.Status = InvoiceStatus.Paid;
            invoice.Version++;
            await db.SaveChangesAsync();
        });
        await RunOnAsync(16);
        // Down for two weeks: at +31, only the latest step reached goes (not +15 again, not both).
        await RunOnAsync(31);
        await RunOnAsync(45);

        // The summary's ageing, that day: the unpaid invoice is 45 days past due.
        var report = await harness.InSpaceAsync(space, db => Reports.ReportsApi.BuildAsync(
            db, unpaid.IssueDate!.Value, unpaid.DueDate!.Value.AddDays(45), unpaid.DueDate!.Value.AddDays(45), "EUR", CancellationToken.None));
        var notices = await harness.InSpaceAsync(space, db => db.Set<DunningNotice>().AsNoTracking().OrderBy(n => n.CreatedAt).ToListAsync());
        var events = await harness.InSpaceAsync(space, db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());
        var overdue = events.Where(e => e.TenantId == space.Id && e.MessageType.Contains(nameof(InvoiceOverdue), StringComparison.Ordinal)).ToList();
        var mails = Directory.GetFiles(pickup).Order(StringComparer.Ordinal).Skip(before).Select(f => MimeMessage.Load(f)).Where(m => (m.Subject ?? "").Contains(unpaid.Number!, StringComparison.Ordinal) || (m.Subject ?? "").Contains(paid.Number!, StringComparison.Ordinal)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(none, Is.Zero, "nothing before the first step");
            Assert.That(report.OverdueAgeing.Select(b => (b.Bucket, b.Amount.Amount, b.Invoices)),
                Is.EqualTo(new[] { ("0-30", 0m, 0), ("31-60", unpaid.Gross, 1), ("61-90", 0m, 0), ("90+", 0m, 0) }));
            Assert.That(report.Overdue.Amount, Is.EqualTo(unpaid.Gross));
            Assert.That(notices.Select(n => (n.InvoiceId == unpaid.Id ? "unpaid" : "paid", n.Step)),
                Is.EqualTo(new[] { ("unpaid", 7), ("paid", 7), ("unpaid", 15), ("unpaid", 30) }));
            Assert.That(notices.All(n => n.SentAt is not null));
            Assert.That(overdue, Has.Count.EqualTo(4), "one InvoiceOverdue per reminder");
            Assert.That(mails, Has.Count.EqualTo(4));
            var first = mails.First(m => (m.Subject ?? "").Contains(unpaid.Number!, StringComparison.Ordinal));
            Assert.That(first.Subject, Is.EqualTo($"Rappel : facture {unpaid.Number} impayée"));
            Assert.That(first.To.Mailboxes.Single().Address, Is.EqualTo("compta@atelier.test"));
            Assert.That(first.TextBody ?? "", Does.Contain("FR7630006000011234567890189").And.Contain("7 jours de retard").And.Contain("40 €"));
        });
    }
}
