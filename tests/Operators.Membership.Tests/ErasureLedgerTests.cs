using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Operators.Contracts.Membership;
using Operators.Membership.Members;
using Operators.Membership.Persistence;
using Operators.Membership.Privacy;
using Operators.Membership.Subscriptions;
using Operators.Messaging;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Membership.Tests;

/// <summary>
/// Erasure against subscriptions and their charges, in-process on SQLite (subscriptions are written straight into
/// the database here): a running one is brought up to date and cancelled today in the space's time zone under the
/// cancel-now rules (the unused days credited), while the accounting rows stay.
/// </summary>
public sealed class ErasureLedgerTests
{
    private static readonly Guid Space = Guid.NewGuid();
    private SqliteConnection connection = null!;
    private ServiceProvider provider = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<TenantContext>()
            .AddSingleton<ITenantContext>(sp => sp.GetRequiredService<TenantContext>())
            .AddSingleton<OutboxSignal<MembershipDbContext>>()
            .AddScoped<Outbox<MembershipDbContext>>()
            .AddScoped<MembershipCalendar>()
            .AddScoped<SubscriptionRecorder>()
            .AddScoped<MemberErasure>()
            .AddDbContext<MembershipDbContext, SqliteMembershipDbContext>(o => o.UseSqlite(connection))
            .BuildServiceProvider(true);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        await db.Database.MigrateAsync();
        // Kiritimati (UTC+14): the space's today is often not the server's.
        db.Set<ProvisionedSpace>().Add(new ProvisionedSpace
        {
            Id = Space, Slug = "ledger", Name = "Ledger", Template = "urban-coworking", Locale = "fr-FR", TimeZone = "Pacific/Kiritimati", Currency = "EUR",
        });
        await db.SaveChangesAsync();
    }

    [TearDown]
    public async Task DropDatabase()
    {
        await provider.DisposeAsync();
        await connection.DisposeAsync();
    }

    [Test]
    public async Task Erasing_cancels_the_running_subscription_today_crediting_its_unused_days_keeps_the_ledger_and_publishes_nothing_the_second_time()
    {
        var member = Guid.NewGuid();
        var company = Guid.NewGuid();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati")));
        Guid running, ended;
        using (provider.GetRequiredService<ITenantContext>().Change(Space))
        {
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
                db.Members.Add(new Member
                {
                    Id = member, Email = "ledger@example.test", DisplayName = "Léa Ledger", Status = MemberStatus.Active, CompanyId = company, DirectoryOptIn = true,
                    Skills = ["Compta"], Links = ["https://lea.example.test"], Bio = "Bio", Billing = new BillingIdentity { Name = "Léa", Line1 = "1 rue", PostalCode = "75001", City = "Paris" },
                });
                running = Subscription(db, member, SubscriptionStatus.Active, today.AddDays(-40), company);
                ended = Subscription(db, member, SubscriptionStatus.Ended, today.AddDays(-400), null);
                db.SubscriptionCharges.Add(new SubscriptionCharge
                {
                    Id = Guid.NewGuid(), SubscriptionId = running, Kind = MembershipChargeKinds.Period, Description = "Résident, période", Amount = 250m, Currency = "EUR",
                    VatRate = 20m, From = today.AddDays(-10), To = today.AddDays(20),
                });
                // What earlier events said about her (sent, kept for a while by the relay), and about someone else.
                db.Set<OutboxMessage>().AddRange(
                    SentMessage(new MemberProfileChanged(member, "Léa Ledger", true, false)),
                    SentMessage(new MemberProfileChanged(Guid.NewGuid(), "Someone Else", true, false)));
                await db.SaveChangesAsync();
            }

            Assert.That(await EraseAsync(member), Is.True);
            var firstOutbox = await OutboxAsync();
            Assert.That(await EraseAsync(member), Is.True, "a second erasure is a success");
            Assert.That(await EraseAsync(Guid.NewGuid()), Is.False, "a person never known");

            await using var check = provider.CreateAsyncScope();
            var after = check.ServiceProvider.GetRequiredService<MembershipDbContext>();
            var row = await after.Members.AsNoTracking().SingleAsync(m => m.Id == member);
            var subscriptions = await after.Subscriptions.AsNoTracking().ToDictionaryAsync(s => s.Id);
            var outbox = await OutboxAsync();
            var endings = outbox.Where(o => o.Type.StartsWith(typeof(MembershipEnded).FullName + ",", StringComparison.Ordinal))
                .Select(o => JsonSerializer.Deserialize<MembershipEnded>(o.Body, JsonSerializerOptions.Web)!).ToList();
            Assert.Multiple(async () =>
            {
                Assert.That(row.DisplayName, Is.EqualTo(MemberErasure.ErasedName));
                Assert.That(row.Email, Is.EqualTo($"erased-{member:N}@invalid"));
                Assert.That((row.Billing, row.CompanyId, row.Bio, row.Skills, row.Links), Is.EqualTo(((BillingIdentity?)null, (Guid?)null, "", new List<string>(), new List<string>())));
                Assert.That((row.DirectoryOptIn, row.PresenceOptIn, row.Status), Is.EqualTo((false, false, MemberStatus.Erased)));
                Assert.That(row.ErasedAt, Is.Not.Null);
                Assert.That(subscriptions[running].Status, Is.EqualTo(SubscriptionStatus.Ended));
                Assert.That(subscriptions[running].EndedOn, Is.EqualTo(today));
                Assert.That(subscriptions[ended].EndedOn, Is.EqualTo(today.AddDays(-100)), "an ended subscription keeps its end");
                Assert.That(subscriptions[running].Terms.MonthlyPrice, Is.EqualTo(250m), "the terms stay");
                // Started 40 days ago: its second period was due and is caught up, then cancelled today.
                var current = await after.Subscriptions.AsNoTracking().SingleAsync(x => x.Id == running);
                Assert.That(current.PeriodStart, Is.EqualTo(today.AddDays(-40).AddMonths(1)));
                var charges = await after.SubscriptionCharges.AsNoTracking().Where(c => c.SubscriptionId == running).ToListAsync();
                Assert.That(charges.Select(c => c.Kind), Is.EquivalentTo(new[] { MembershipChargeKinds.Period, MembershipChargeKinds.Period, MembershipChargeKinds.ProrationCredit }), "the ledger stays and grows");
                var credit = charges.Single(c => c.Kind == MembershipChargeKinds.ProrationCredit);
                var periodDays = current.PeriodEnd.DayNumber - current.PeriodStart.DayNumber;
                Assert.That(credit.Amount, Is.EqualTo(-Math.Round(250m * (current.PeriodEnd.DayNumber - today.DayNumber) / periodDays, 2, MidpointRounding.AwayFromZero)));
                Assert.That((credit.From, credit.To), Is.EqualTo((today, current.PeriodEnd)));
                Assert.That(endings.Select(e => (e.SubscriptionId, e.MemberId, e.EndedOn, e.CompanyId)), Is.EquivalentTo(new[] { (running, member, today, (Guid?)company) }));
                Assert.That(endings.Single().Charges!.Select(c => c.Id), Is.EqualTo(new[] { credit.Id }), "the credit travels with the ending");
                Assert.That(outbox.Count(o => o.Type.StartsWith(typeof(MemberErased).FullName + ",", StringComparison.Ordinal)), Is.EqualTo(1));
                Assert.That(outbox, Has.Count.EqualTo(firstOutbox.Count), "the second erasure published nothing");
                Assert.That(outbox.Select(o => o.Body), Has.None.Contains("Léa Ledger"), "sent messages naming her are forgotten");
                Assert.That(outbox.Select(o => o.Body), Has.Some.Contains("Someone Else"), "others' are not");
            });
        }
    }

    private async Task<bool> EraseAsync(Guid member)
    {
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MemberErasure>().EraseAsync(member, CancellationToken.None);
    }

    private async Task<List<(string Type, string Body)>> OutboxAsync()
    {
        await using var scope = provider.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<MembershipDbContext>().Set<OutboxMessage>().AsNoTracking().ToListAsync();
        return rows.Select(r => (r.MessageType, r.Body)).ToList();
    }

    private static OutboxMessage SentMessage<T>(T message)
        where T : class => new()
        {
            MessageId = Guid.NewGuid(),
            TenantId = Space,
            MessageType = typeof(T).FullName!,
            Body = JsonSerializer.Serialize(message, JsonSerializerOptions.Web),
            CreatedAt = DateTime.UtcNow.AddMinutes(-5),
            NextAttemptAt = DateTime.UtcNow.AddMinutes(-5),
            SentAt = DateTime.UtcNow.AddMinutes(-5),
        };

    private static Guid Subscription(MembershipDbContext db, Guid member, SubscriptionStatus status, DateOnly start, Guid? company)
    {
        var subscription = new Subscription
        {
            Id = Guid.NewGuid(), MemberId = member, CompanyId = company, Status = status, Start = start, Anchor = start, PeriodStart = start, PeriodEnd = start.AddMonths(1),
            CommitmentEndsOn = start, EndedOn = status == SubscriptionStatus.Ended ? start.AddDays(300) : null,
            Terms = new PlanTerms { PlanId = Guid.NewGuid(), PlanName = "Résident", MonthlyPrice = 250m, Currency = "EUR", VatRate = 20m, DeskDays = 20, RoomHours = 4m },
        };
        db.Subscriptions.Add(subscription);
        return subscription.Id;
    }
}
