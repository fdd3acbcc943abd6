using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Operators.ServiceDefaults.Security;
using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>
/// Before enums were strictly names, a number could be stored as a resource's kind or audience, and the space's
/// resource list then failed for everyone. Upgrading repairs such rows.
/// </summary>
public sealed class RepairMigrationTests
{
    [Test]
    public async Task A_resource_stored_with_a_number_for_its_kind_is_listed_again_after_the_upgrade_inactive_for_review()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync("repair");
        var shared = new Dictionary<string, string> { ["ConnectionStrings:Booking"] = database.ConnectionString };
        Guid space;
        string broken, sound;
        await using (var before = await ServiceHost.StartAsync("Booking", "Postgres", shared))
        {
            space = await before.ProvisionSpaceAsync("repair");
            using var op = before.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
            broken = await BookingApi.CreatePoolAsync(op, 4, name: "Stored with a number");
            sound = await BookingApi.CreateRoomAsync(op);
        }

        // What the old API let through, and the upgrade not yet applied.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                UPDATE resources SET "Kind" = '-1', "BookableBy" = '7' WHERE "Id" = @id;
                DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" LIKE '%_RepairUndefinedKinds';
                """, connection);
            command.Parameters.AddWithValue("id", Guid.Parse(broken));
            Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(2));
        }

        await using var after = await ServiceHost.StartAsync("Booking", "Postgres", shared);
        using var operatorClient = after.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        using var member = after.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        using var all = await operatorClient.GetAsync(new Uri("/api/booking/resources?includeInactive=true", UriKind.Relative));
        using var visible = await member.GetAsync(new Uri("/api/booking/resources", UriKind.Relative));
        var listed = (await all.Content.ReadFromJsonAsync<JsonArray>())!;
        var repaired = listed.Single(r => r!["id"]!.GetValue<string>() == broken)!;
        var offered = visible.IsSuccessStatusCode ? (await visible.Content.ReadFromJsonAsync<JsonArray>())!.Select(r => r!["id"]!.GetValue<string>()).ToList() : [];

        Assert.Multiple(() =>
        {
            Assert.That(all.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(visible.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(repaired["kind"]!.GetValue<string>(), Is.EqualTo("desk-pool"));
            Assert.That(repaired["bookableBy"]!.GetValue<string>(), Is.EqualTo("members"));
            Assert.That(repaired["active"]!.GetValue<bool>(), Is.False, "kept for its operator to review, not offered");
            Assert.That(listed.Select(r => r!["id"]!.GetValue<string>()), Does.Contain(sound));
            Assert.That(offered, Does.Contain(sound).And.Not.Contain(broken));
        });
    }
}
