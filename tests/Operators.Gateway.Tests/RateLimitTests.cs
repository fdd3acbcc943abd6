using System.Net;
using System.Net.Http.Json;

namespace Operators.Gateway.Tests;

/// <summary>The account endpoints' rate limit per client address, on a host of its own with a small limit.</summary>
public sealed class RateLimitTests
{
    private const int Limit = 4;
    private StandaloneHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await StandaloneHost.StartAsync(configuration: new Dictionary<string, string>
    {
        ["Auth:RateLimit:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Auth:RateLimit:Window"] = "00:10:00",
    });

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    [Test]
    public async Task Past_the_limit_every_account_attempt_from_the_address_is_a_429_problem_with_retry_after_and_the_rest_still_works()
    {
        using var client = new OperatorsClient(host.Process.BaseAddress);
        for (var attempt = 1; attempt <= Limit; attempt++)
        {
            using var wrong = await client.Http.PostAsJsonAsync("/auth/token", new { email = $"guess{attempt}@example.org", password = "Wrong-pass-1" });
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {attempt} is within the limit");
        }

        // Claiming another address is no way around it: no proxy is trusted here, so X-Forwarded-For is ignored.
        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/token", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email = StandaloneHost.AdminEmail, password = host.AdminPassword }),
        };
        forged.Headers.Add("X-Forwarded-For", "198.51.100.7");
        using var token = await client.Http.SendAsync(forged);
        var problem = await OperatorsClient.ProblemAsync(token, HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(token.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Too many attempts"));
            Assert.That(retryAfter, Is.InRange(1, 600));
        });

        // The limit is the address's, across the account endpoints of the API and of the intranet's forms.
        using var register = await client.Http.PostAsJsonAsync("/auth/register", new { email = "new@example.org", password = "Correct-horse-9", displayName = "New" });
        await OperatorsClient.ProblemAsync(register, HttpStatusCode.TooManyRequests);
        using var forgot = await client.Http.PostAsJsonAsync("/auth/forgot-password", new { email = "new@example.org" });
        await OperatorsClient.ProblemAsync(forgot, HttpStatusCode.TooManyRequests);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Login.Email"] = StandaloneHost.AdminEmail, ["Login.Password"] = "x" });
        using var login = await client.Http.PostAsync(new Uri("/account/login", UriKind.Relative), form);
        await OperatorsClient.ProblemAsync(login, HttpStatusCode.TooManyRequests);

        // Reading is not limited.
        using var templates = await client.Http.GetAsync(new Uri("/api/templates", UriKind.Relative));
        Assert.That(templates.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

/// <summary>Behind a trusted reverse proxy: the client's address and scheme are the ones the proxy forwards.</summary>
public sealed class TrustedProxyTests
{
    private StandaloneHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await StandaloneHost.StartAsync(configuration: new Dictionary<string, string>
    {
        ["Auth:RateLimit:PermitLimit"] = "2",
        ["Auth:RateLimit:Window"] = "00:10:00",
        ["Http:TrustedProxies:0"] = "127.0.0.1",
        ["Tenancy:BaseDomain"] = "reseau-tiers-lieux.test",
    });

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string clientAddress, string? scheme = null, string? forwardedHost = null)
    {
        using var client = new HttpClient { BaseAddress = host.Process.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        if (scheme is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", scheme);
        }

        if (forwardedHost is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
        }

        return await client.SendAsync(request);
    }

    [Test]
    public async Task Each_client_behind_the_proxy_has_its_own_limit()
    {
        var wrong = new { email = "someone@example.org", password = "Wrong-pass-1" };
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var within = await PostAsync("/auth/token", wrong, "203.0.113.1");
            Assert.That(within.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var over = await PostAsync("/auth/token", wrong, "203.0.113.1");
        await OperatorsClient.ProblemAsync(over, HttpStatusCode.TooManyRequests);
        using var neighbour = await PostAsync("/auth/token", wrong, "203.0.113.2");
        Assert.That(neighbour.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "another person behind the same proxy is not limited by the first");
    }

    [Test]
    public async Task Links_in_emails_use_the_scheme_and_host_the_proxy_was_reached_by()
    {
        using var registered = await PostAsync("/auth/register", new { email = "proxied@example.org", password = "Correct-horse-9", displayName = "Proxied" },
            "203.0.113.9", scheme: "https", forwardedHost: "reseau-tiers-lieux.test");
        await OperatorsClient.ExpectAsync(registered, HttpStatusCode.Created);
        var link = await Mailbox.LinkAsync(host.MailFolder, "proxied@example.org", "account/confirm");
        Assert.That(link.Url.GetLeftPart(UriPartial.Authority), Is.EqualTo("https://reseau-tiers-lieux.test"));
    }
}

/// <summary>Guests' day-pass purchases, limited per address: each one holds a seat and nobody signed in answers for it.</summary>
public sealed class GuestHoldRateLimitTests
{
    private const string Password = "Demo-password-42";
    private StandaloneHost host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        host = await StandaloneHost.StartAsync(
            configuration: new Dictionary<string, string>
            {
                ["Demo:Password"] = Password,
                ["Guests:RateLimit:PermitLimit"] = "2",
                ["Guests:RateLimit:Window"] = "00:10:00",
            },
            demo: true);
        await Eventually.MatchAsync(
            () => Task.FromResult(File.Exists(Path.Combine(host.DataPath, "demo-seeded"))), seeded => seeded, TimeSpan.FromSeconds(90), "the demo space to be seeded");
    }

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    [Test]
    public async Task Past_the_limit_a_guest_address_gets_429_for_a_day_pass_while_members_and_readers_go_on()
    {
        var day = TestCalendar.Weekday(DateTimeOffset.UtcNow, 3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        object Pass(int n) => new { date = day, guest = new { name = $"Guest {n}", email = $"guest{n}@example.org" } };
        using var guest = new HttpClient { BaseAddress = host.Process.BaseAddress };
        var within = new List<HttpStatusCode>();
        for (var n = 0; n < 2; n++)
        {
            using var response = await guest.PostAsJsonAsync("/s/demo/api/booking/day-passes", Pass(n));
            within.Add(response.StatusCode);
        }

        using var over = await guest.PostAsJsonAsync("/s/demo/api/booking/day-passes", Pass(3));
        // Claiming to be the intranet's own call does not get round it, nor does the intranet's guest form.
        using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri("/s/demo/api/booking/day-passes", UriKind.Relative)) { Content = JsonContent.Create(Pass(4)) };
        forged.Headers.Add("X-Operators-Intranet", "guess");
        using var forgedAnswer = await guest.SendAsync(forged);
        using var form = await guest.PostAsync(new Uri("/s/demo/day-pass", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Name"] = "x" }));

        // A member buying their own pass answers for it; reading is not limited.
        using var member = new OperatorsClient(host.Process.BaseAddress);
        await member.SignInAsync("member@demo.test", Password);
        using var own = await member.Http.PostAsJsonAsync("/s/demo/api/booking/day-passes", new { date = day });
        using var resources = await guest.GetAsync(new Uri("/s/demo/api/booking/resources", UriKind.Relative));

        var problem = await OperatorsClient.ProblemAsync(over, HttpStatusCode.TooManyRequests);
        Assert.Multiple(async () =>
        {
            Assert.That(within, Is.All.EqualTo(HttpStatusCode.Created));
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Too many day passes"));
            Assert.That(over.Headers.Contains("Retry-After"), Is.True);
            Assert.That(forgedAnswer.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Created), await own.Content.ReadAsStringAsync());
            Assert.That(resources.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
