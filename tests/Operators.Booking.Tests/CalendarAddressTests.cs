using System.Net;
using System.Text.Json.Nodes;

namespace Operators.Booking.Tests;

/// <summary>
/// The calendar feed's address is built from what the gateway knows, never from <c>X-Forwarded-*</c> headers a
/// client wrote: through the gateway's proxy (distributed) and through its in-process edge (standalone).
/// </summary>
[TestFixture("Standalone")]
[TestFixture("Distributed")]
public sealed class CalendarAddressTests(string mode)
{
    private const string Slug = "feed-address";
    private IAsyncDisposable stack = null!;
    private Uri gateway = null!;
    private OperatorsClient admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        if (mode == "Standalone")
        {
            var standalone = await StandaloneHost.StartAsync();
            (stack, gateway, admin) = (standalone, standalone.Process.BaseAddress, await standalone.AdminClientAsync());
        }
        else
        {
            var distributed = await DistributedHosts.StartAsync();
            (stack, gateway, admin) = (distributed, distributed.Gateway.BaseAddress, await distributed.AdminClientAsync());
        }

        await admin.CreateSpaceAndWaitAsync(Slug, timeout: TimeSpan.FromSeconds(90));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        admin.Dispose();
        await stack.DisposeAsync();
    }

    [Test]
    public async Task Forged_forwarding_headers_do_not_change_the_feed_address()
    {
        async Task<Uri> AddressAsync(HttpMethod method, string path)
        {
            using var request = new HttpRequestMessage(method, $"/s/{Slug}/api/booking/{path}");
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Prefix", "/phish");
            request.Headers.Add("Forwarded", "host=evil.example;proto=https");
            using var response = await admin.Http.SendAsync(request);
            await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
            return new Uri(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["url"]!.GetValue<string>());
        }

        var address = await AddressAsync(HttpMethod.Get, "calendar");
        var rotated = await AddressAsync(HttpMethod.Post, "calendar/rotate");
        using var feed = await admin.Http.GetAsync(new Uri(rotated.PathAndQuery, UriKind.Relative));

        Assert.Multiple(() =>
        {
            foreach (var url in new[] { address, rotated })
            {
                Assert.That(url.GetLeftPart(UriPartial.Authority), Is.EqualTo(gateway.GetLeftPart(UriPartial.Authority)));
                Assert.That(url.AbsolutePath, Does.StartWith($"/s/{Slug}/api/booking/calendar/"));
            }

            Assert.That(feed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the address works");
        });
    }
}
