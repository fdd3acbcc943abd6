using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Operators.Tenancy.EntityFramework;

namespace Operators.Tenancy.Tests;

public sealed class Note : ITenantOwned
{
    public int Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Text { get; set; }
}

public sealed class NotesContext(DbContextOptions options, ITenantContext tenants) : TenantDbContext(options, tenants)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<Note>();
}

/// <summary>The same isolation promises on both providers the product runs on.</summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class IsolationTests(string provider)
{
    private readonly TenantContext tenants = new();
    private readonly Guid spaceA = Guid.NewGuid();
    private readonly Guid spaceB = Guid.NewGuid();
    private TestDatabase? postgres;
    private SqliteConnection? sqlite;
    private DbContextOptions options = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        if (provider == "Postgres")
        {
            postgres = await TestPostgres.CreateDatabaseAsync("tenancy");
            options = new DbContextOptionsBuilder().UseNpgsql(postgres.ConnectionString).Options;
        }
        else
        {
            sqlite = new SqliteConnection("Data Source=:memory:");
            await sqlite.OpenAsync();
            options = new DbContextOptionsBuilder().UseSqlite(sqlite).Options;
        }

        await using var db = Context();
        await db.Database.EnsureCreatedAsync();
        using (tenants.Change(spaceA))
        {
            db.Notes.AddRange(new Note { Text = "A1" }, new Note { Text = "A2" });
            await db.SaveChangesAsync();
        }

        using (tenants.Change(spaceB))
        {
            db.Notes.Add(new Note { Text = "B1" });
            await db.SaveChangesAsync();
        }
    }

    [TearDown]
    public async Task DropDatabase()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        if (sqlite is not null)
        {
            await sqlite.DisposeAsync();
        }
    }

    private NotesContext Context() => new(options, tenants);

    [Test]
    public async Task A_query_in_space_A_never_returns_rows_of_space_B()
    {
        await using var db = Context();
        using (tenants.Change(spaceA))
        {
            var texts = await db.Notes.Select(n => n.Text).OrderBy(t => t).ToListAsync();
            var byKey = await db.Notes.CountAsync(n => n.Text == "B1");
            Assert.Multiple(() =>
            {
                Assert.That(texts, Is.EqualTo(new[] { "A1", "A2" }));
                Assert.That(byKey, Is.Zero);
            });
        }
    }

    [Test]
    public async Task One_context_follows_the_current_space_query_by_query()
    {
        await using var db = Context();
        using (tenants.Change(spaceB))
        {
            Assert.That(await db.Notes.Select(n => n.Text).ToListAsync(), Is.EqualTo(new[] { "B1" }));
        }

        using (tenants.Change(spaceA))
        {
            Assert.That(await db.Notes.CountAsync(), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Outside_any_space_a_query_returns_nothing()
    {
        await using var db = Context();
        Assert.That(await db.Notes.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Rows_are_stamped_with_the_current_space_on_insert()
    {
        await using var db = Context();
        using (tenants.Change(spaceB))
        {
            var note = new Note { Text = "B2" };
            db.Notes.Add(note);
            await db.SaveChangesAsync();
            Assert.That(note.TenantId, Is.EqualTo(spaceB));
        }
    }

    [Test]
    public async Task Adding_a_row_of_another_space_throws_and_writes_nothing()
    {
        await using var db = Context();
        using (tenants.Change(spaceA))
        {
            db.Notes.Add(new Note { Text = "intruder", TenantId = spaceB });
            Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        }

        await using var check = Context();
        Assert.That(await check.Notes.IgnoreQueryFilters().CountAsync(n => n.Text == "intruder"), Is.Zero);
    }

    [Test]
    public async Task Changing_or_deleting_a_row_of_another_space_throws()
    {
        await using var db = Context();
        var theirs = await db.Notes.IgnoreQueryFilters().SingleAsync(n => n.Text == "B1");
        using (tenants.Change(spaceA))
        {
            theirs.Text = "changed from A";
            Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
            db.Entry(theirs).State = EntityState.Deleted;
            Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        }
    }

    [Test]
    public async Task Moving_a_row_to_another_space_throws()
    {
        await using var db = Context();
        using (tenants.Change(spaceA))
        {
            var mine = await db.Notes.FirstAsync();
            mine.TenantId = spaceB;
            Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        }
    }

    [Test]
    public async Task Writing_tenant_owned_rows_with_no_current_space_throws()
    {
        await using var db = Context();
        db.Notes.Add(new Note { Text = "orphan" });
        Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }
}
