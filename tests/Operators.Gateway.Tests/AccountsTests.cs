using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Operators.Gateway.Tests;

/// <summary>Sign-in and the edge's handling of bad requests; a host of its own because it locks the admin out.</summary>
public sealed class AccountsTests
{
    private StandaloneHost host = null!;
    private OperatorsClient client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        host = await StandaloneHost.StartAsync();
        client = new OperatorsClient(host.Process.BaseAddress);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        client.Dispose();
        await host.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task The_bootstrap_admin_signs_in_and_is_a_network_admin()
    {
        using var admin = await host.AdminClientAsync();
        var me = await admin.GetJsonAsync("/auth/me");
        Assert.Multiple(() =>
        {
            Assert.That(me["email"]!.GetValue<string>(), Is.EqualTo(StandaloneHost.AdminEmail));
            Assert.That(me["networkAdmin"]!.GetValue<bool>(), Is.True);
            Assert.That(Guid.TryParse(me["id"]!.GetValue<string>(), out _), Is.True);
        });
    }

    [Test, Order(2)]
    public async Task A_token_request_without_a_valid_body_names_the_fields()
    {
        using var response = await client.Http.PostAsJsonAsync("/auth/token", new { email = "not-an-email" });
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "email", "password" }));
    }

    [Test, Order(3)]
    public async Task An_unknown_email_is_a_401_problem()
    {
        using var response = await client.Http.PostAsJsonAsync("/auth/token", new { email = "nobody@operators.test", password = "Whatever-1" });
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("wrong password"));
    }

    [Test, Order(4)]
    public async Task Malformed_json_is_a_400_problem_that_says_so()
    {
        using var content = new StringContent("{\"slug\": ", Encoding.UTF8, "application/json");
        using var response = await client.Http.PostAsync(new Uri("/auth/token", UriKind.Relative), content);
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("not valid JSON"));
    }

    [Test, Order(5)]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var content = new StringContent("email=a@b.c", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.Http.PostAsync(new Uri("/auth/token", UriKind.Relative), content);
        await OperatorsClient.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Test, Order(6)]
    public async Task An_oversized_body_is_a_413_problem()
    {
        // "Expect: 100-continue" lets the gateway refuse on the declared length before the body is sent;
        // without it the gateway answers and closes while the client is still writing, a race the client
        // may lose with a reset connection instead of reading the 413.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/token", UriKind.Relative))
        {
            Content = new StringContent("{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var response = await client.Http.SendAsync(request);
        await OperatorsClient.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test, Order(7)]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await client.Http.PostAsJsonAsync("/auth/token", new { email = StandaloneHost.AdminEmail, password = "Wrong-pass-1" });
            Assert.That(wrong.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests));
        }

        using var right = await client.Http.PostAsJsonAsync("/auth/token", new { email = StandaloneHost.AdminEmail, password = host.AdminPassword });
        var problem = await OperatorsClient.ProblemAsync(right, HttpStatusCode.TooManyRequests);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("locked"));
    }

    [TestCase("/my-bookings", "/my-bookings")]
    [TestCase("/", "/")]
    [TestCase("//evil.example", "/")]
    [TestCase("/\\evil.example", "/")]
    [TestCase("/.\\evil.example", "/")]
    [TestCase("/\t//evil.example", "/")]
    [TestCase("https://evil.example/", "/")]
    [TestCase("/https:evil.example", "/https:evil.example")]
    public async Task The_language_switch_only_returns_to_a_page_of_this_site(string returnUrl, string expected)
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Process.BaseAddress };
        using var response = await noRedirects.GetAsync(new Uri("/lang/en?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo(expected));
    }
}
