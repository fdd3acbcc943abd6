using System.Net;
using System.Net.Http.Json;

namespace Operators.Gateway.Tests;

/// <summary>The first network-admin from the Bootstrap configuration, when its email was already signed up for.</summary>
public sealed class BootstrapTests
{
    [Test]
    public async Task An_unconfirmed_sign_up_with_the_configured_admin_email_gets_the_configured_password_not_the_intruders()
    {
        var data = Path.Combine(Path.GetTempPath(), "operators-bootstrap-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // First run with no admin configured (a blank email): registration is open and someone takes the address.
            await using (var first = await StandaloneHost.StartAsync(data, new Dictionary<string, string> { ["Bootstrap:AdminEmail"] = " " }))
            {
                using var intruder = new OperatorsClient(first.Process.BaseAddress);
                using var registered = await intruder.Http.PostAsJsonAsync("/auth/register", new { email = "boss@network.test", password = "Intruder-pass-1", displayName = "Intruder" });
                await OperatorsClient.ExpectAsync(registered, HttpStatusCode.Created);
            }

            const string configured = "Boss-Pa55word!";
            await using var second = await StandaloneHost.StartAsync(data, new Dictionary<string, string>
            {
                ["Bootstrap:AdminEmail"] = "boss@network.test",
                ["Bootstrap:AdminPassword"] = configured,
            });
            using var client = new OperatorsClient(second.Process.BaseAddress);
            await OperatorsClient.ProblemAsync(
                await client.Http.PostAsJsonAsync("/auth/token", new { email = "boss@network.test", password = "Intruder-pass-1" }), HttpStatusCode.Unauthorized);
            await client.SignInAsync("boss@network.test", configured);
            var me = await client.GetJsonAsync("/auth/me");
            Assert.Multiple(() =>
            {
                Assert.That(me["networkAdmin"]!.GetValue<bool>(), Is.True);
                Assert.That(second.Process.Output, Does.Contain("taken over from an unconfirmed sign-up"));
            });
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
