using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Testing.Booking;

namespace Operators.Gateway.Tests;

/// <summary>
/// The person export as every caller meets it, in whichever run mode the gateway is: the person themself, the
/// owner and a network admin get one document with the gateway's part and each service's; anyone else is refused.
/// </summary>
internal static class ExportScenario
{
    public const string Password = "Export-horse-9";

    public static async Task RunAsync(OperatorsClient admin, Uri gateway, string mailFolder, string slug, TimeSpan provisioning)
    {
        await admin.CreateSpaceAndWaitAsync(slug, timeout: provisioning);
        var (owner, _) = await OperatorsClient.ClaimInvitationAsync(gateway, mailFolder, $"owner@{slug}.test", Password);
        using var ownerClient = owner;
        var pool = await CreatePoolAsync(owner, slug);
        var ana = (await owner.GrantAsync(slug, $"ana@{slug}.test", "member"))["id"]!.GetValue<string>();
        var bob = (await owner.GrantAsync(slug, $"bob@{slug}.test", "member"))["id"]!.GetValue<string>();
        var carol = (await owner.GrantAsync(slug, $"carol@{slug}.test", "member"))["id"]!.GetValue<string>();
        using var anaClient = (await OperatorsClient.ClaimInvitationAsync(gateway, mailFolder, $"ana@{slug}.test", Password)).Client;
        using var bobClient = (await OperatorsClient.ClaimInvitationAsync(gateway, mailFolder, $"bob@{slug}.test", Password)).Client;
        using var carolClient = (await OperatorsClient.ClaimInvitationAsync(gateway, mailFolder, $"carol@{slug}.test", Password)).Client;
        using var anonymous = new OperatorsClient(gateway);
        var day = BookingApi.Weekday(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var booked = await anaClient.Http.PostAsJsonAsync($"/s/{slug}/api/booking/bookings", new { resourceId = pool, date = day }))
        {
            await OperatorsClient.ExpectAsync(booked, HttpStatusCode.Created);
        }

        // Carol leaves the space: no role here any more, yet her own data is still hers to export.
        using (var revoked = await owner.Http.DeleteAsync(new Uri($"/s/{slug}/api/space/people/{carol}/roles/member", UriKind.Relative)))
        {
            await OperatorsClient.ExpectAsync(revoked, HttpStatusCode.OK);
        }

        var path = $"/s/{slug}/api/space/people/{ana}/export";
        // Membership learns of Ana from the gateway's event: her export has its part once it has.
        var own = await Eventually.MatchAsync(() => anaClient.GetJsonAsync(path), e => e["services"]!["membership"] is not null, provisioning, "membership to know Ana");
        var byOwner = await owner.GetJsonAsync(path);
        var byAdmin = await admin.GetJsonAsync(path);
        var bobsByOwner = await owner.GetJsonAsync($"/s/{slug}/api/space/people/{bob}/export");
        var carolsOwn = await carolClient.GetJsonAsync($"/s/{slug}/api/space/people/{carol}/export");
        await OperatorsClient.ProblemAsync(await bobClient.Http.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(await carolClient.Http.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await anonymous.Http.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.Unauthorized);
        await OperatorsClient.ProblemAsync(await owner.Http.GetAsync(new Uri($"/s/{slug}/api/space/people/{Guid.NewGuid()}/export", UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await owner.Http.GetAsync(new Uri($"/s/{slug}/api/space/people/{carol}/export", UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await owner.Http.GetAsync(new Uri($"/s/{slug}/api/space/people/not-an-id/export", UriKind.Relative)), HttpStatusCode.NotFound);

        var person = own["person"]!;
        var booking = own["services"]!["booking"]!;
        Assert.Multiple(() =>
        {
            Assert.That(DateTimeOffset.Parse(own["exportedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
            Assert.That(person["id"]!.GetValue<string>(), Is.EqualTo(ana));
            Assert.That(person["email"]!.GetValue<string>(), Is.EqualTo($"ana@{slug}.test"));
            Assert.That(person["displayName"]!.GetValue<string>(), Is.EqualTo("ana"));
            Assert.That(person["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "member" }));
            Assert.That(person["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(own["services"]!.AsObject().Select(s => s.Key), Is.EquivalentTo(new[] { "booking", "membership", "billing" }));
            Assert.That(booking["memberId"]!.GetValue<string>(), Is.EqualTo(ana));
            Assert.That(booking["bookings"]!.AsArray().Single()!["resourceId"]!.GetValue<string>(), Is.EqualTo(pool));
            Assert.That(byOwner["person"]!.ToJsonString(), Is.EqualTo(person.ToJsonString()));
            Assert.That(byOwner["services"]!["booking"]!.ToJsonString(), Is.EqualTo(booking.ToJsonString()));
            Assert.That(byAdmin["services"]!["booking"]!["bookings"]!.AsArray(), Has.Count.EqualTo(1), "a network admin acts as owner");
            Assert.That(own["services"]!["membership"]!["member"]!["email"]!.GetValue<string>(), Is.EqualTo($"ana@{slug}.test"));
            Assert.That(own["services"]!["membership"]!["subscriptions"]!.AsArray(), Is.Empty);
            Assert.That(bobsByOwner["services"]!["booking"]?["bookings"]?.AsArray().Count ?? 0, Is.Zero, "Bob booked nothing");
            Assert.That(bobsByOwner.ToJsonString(), Does.Not.Contain($"ana@{slug}.test"), "nobody else's data");
            Assert.That(bobsByOwner["person"]!["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(carolsOwn["person"]!["status"]!.GetValue<string>(), Is.EqualTo("left"));
            Assert.That(carolsOwn["person"]!["roles"]!.AsArray(), Is.Empty);
        });
    }

    public static async Task<string> CreatePoolAsync(OperatorsClient client, string slug)
    {
        using var response = await client.Http.PostAsJsonAsync($"/s/{slug}/api/booking/resources",
            new { name = "Open space", kind = "desk-pool", capacity = 4, pricePerDay = 15m, bookableBy = "members" });
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }
}
