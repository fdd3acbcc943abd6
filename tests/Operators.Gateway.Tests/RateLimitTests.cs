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

        using var token = await client.Http.PostAsJsonAsync("/auth/token", new { email = StandaloneHost.AdminEmail, password = host.AdminPassword });
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
