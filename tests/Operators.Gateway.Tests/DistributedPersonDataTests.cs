using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Operators.Contracts.Membership;
using Operators.Contracts.People;
using Operators.Tenancy.Messaging;
using Operators.Testing.Booking;

namespace Operators.Gateway.Tests;

/// <summary>
/// A person's data in the distributed stack (four processes on PostgreSQL and RabbitMQ): the export calls each
/// service over HTTP, and an erasure published on the bus reaches the gateway and booking.
/// </summary>
[NonParallelizable]
public sealed class DistributedPersonDataTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private DistributedHosts stack = null!;
    private OperatorsClient admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        stack = await DistributedHosts.StartAsync();
        admin = await stack.AdminClientAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
        {
            await TestContext.Out.WriteLineAsync(stack.Logs);
        }

        admin.Dispose();
        await stack.DisposeAsync();
    }

    [Test]
    public Task The_export_gathers_the_person_and_each_services_part_for_the_person_the_owner_and_a_network_admin_only() =>
        ExportScenario.RunAsync(admin, stack.Gateway.BaseAddress, DistributedHosts.MailFolder, "export-distributed", TimeSpan.FromSeconds(90));

    [Test]
    public async Task An_erased_member_leaves_the_space_their_account_goes_unless_still_needed_and_booking_keeps_their_bookings_nameless()
    {
        const string slug = "erasure-distributed";
        var space = Guid.Parse((await admin.CreateSpaceAndWaitAsync(slug, timeout: TimeSpan.FromSeconds(90)))["id"]!.GetValue<string>());
        using var owner = (await OperatorsClient.ClaimInvitationAsync(stack.Gateway.BaseAddress, DistributedHosts.MailFolder, $"owner@{slug}.test", ExportScenario.Password)).Client;
        var pool = await ExportScenario.CreatePoolAsync(owner, slug);
        var lea = Guid.Parse((await owner.GrantAsync(slug, $"lea@{slug}.test", "member"))["id"]!.GetValue<string>());
        using var leaClient = (await OperatorsClient.ClaimInvitationAsync(stack.Gateway.BaseAddress, DistributedHosts.MailFolder, $"lea@{slug}.test", ExportScenario.Password)).Client;
        var adminId = Guid.Parse((await admin.GrantAsync(slug, DistributedHosts.AdminEmail, "member"))["id"]!.GetValue<string>());
        var day = BookingApi.Weekday(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        JsonObject booking;
        using (var booked = await leaClient.Http.PostAsJsonAsync($"/s/{slug}/api/booking/bookings", new { resourceId = pool, date = day }))
        {
            await OperatorsClient.ExpectAsync(booked, HttpStatusCode.Created);
            booking = (await booked.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        foreach (var person in new[] { lea, adminId })
        {
            await stack.Observer.Bus.Publish(new MemberErased(person, DateTimeOffset.UtcNow), c => c.Headers.Set(TenantHeaders.TenantId, space.ToString()));
        }

        await Eventually.MatchAsync(
            async () => (await owner.GetNodeAsync($"/s/{slug}/api/space/people")).AsArray().Select(p => p!["id"]!.GetValue<string>()).ToList(),
            ids => !ids.Contains(lea.ToString()) && !ids.Contains(adminId.ToString()), Patience, "both to leave the space");
        var left = await Eventually.MatchAsync(
            () => Task.FromResult(stack.Observer.Of<PersonRolesChanged>().Where(m => m.Message.PersonId == lea).ToList()),
            l => l.Count > 0, Patience, "the services to be told Léa left");
        var bookingsPart = await Eventually.MatchAsync(
            () => owner.GetJsonAsync($"/s/{slug}/api/booking/members/{lea}/export"),
            e => e["profile"]?["erasedAt"] is not null, Patience, "booking to forget her");
        using var signIn = await new OperatorsClient(stack.Gateway.BaseAddress).Http.PostAsJsonAsync("/auth/token", new { email = $"lea@{slug}.test", password = ExportScenario.Password });
        var adminMe = await admin.GetJsonAsync("/auth/me");
        var listed = await owner.GetNodeAsync($"/s/{slug}/api/booking/bookings?from={day}&to={day}");
        await OperatorsClient.ProblemAsync(await owner.Http.GetAsync(new Uri($"/s/{slug}/api/space/people/{lea}/export", UriKind.Relative)), HttpStatusCode.NotFound);

        Assert.Multiple(() =>
        {
            Assert.That(left.Single().Message.Roles, Is.Empty);
            Assert.That(left.Single().Tenant, Is.EqualTo(space.ToString()));
            Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "her account is gone: she held no other role");
            Assert.That(adminMe["networkAdmin"]!.GetValue<bool>(), Is.True, "a network admin's account stays");
            Assert.That(adminMe["spaces"]!.AsArray().Select(s => s!["slug"]!.GetValue<string>()), Does.Not.Contain(slug));
            Assert.That(bookingsPart["profile"]!["displayName"]!.GetValue<string>(), Is.EqualTo("—"));
            Assert.That(bookingsPart.ToJsonString(), Does.Not.Contain($"lea@{slug}.test"));
            Assert.That(bookingsPart["bookings"]!.AsArray().Single()!["id"]!.GetValue<string>(), Is.EqualTo(booking["id"]!.GetValue<string>()));
            Assert.That(listed.AsArray().Select(b => b!["id"]!.GetValue<string>()), Does.Contain(booking["id"]!.GetValue<string>()), "her booking still counts");
        });
    }
}
