using System.Net;

namespace Operators.Gateway.Tests;

/// <summary>A gateway whose services never answer: the space fails after the timeout instead of hanging.</summary>
public sealed class ProvisioningTimeoutTests
{
    [Test]
    public async Task A_space_whose_services_do_not_answer_fails_after_the_timeout_and_is_not_served()
    {
        var data = Path.Combine(Path.GetTempPath(), "operators-gw-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var gateway = await HostProcess.StartAsync("Gateway", new Dictionary<string, string>
            {
                ["Data:Path"] = data,
                ["Database:Provider"] = "Sqlite",
                ["Bus:Transport"] = "InMemory",
                ["Jobs:Storage"] = "InMemory",
                ["Jobs:PollInterval"] = "00:00:01",
                ["Spaces:ProvisioningTimeout"] = "00:00:03",
                ["Auth:SigningKey"] = Operators.ServiceDefaults.Security.SigningKeys.Generate(),
                ["InternalAuth:SigningKey"] = Operators.ServiceDefaults.Security.SigningKeys.Generate(),
                ["Bootstrap:AdminEmail"] = "admin@operators.test",
                ["Bootstrap:AdminPassword"] = "Admin-Pa55word!",
                // Nobody listens there: the services' steps never complete.
                ["Services:booking:Url"] = "http://127.0.0.1:9",
                ["Services:membership:Url"] = "http://127.0.0.1:9",
                ["Services:billing:Url"] = "http://127.0.0.1:9",
            });
            using var admin = new OperatorsClient(gateway.BaseAddress);
            await admin.SignInAsync("admin@operators.test", "Admin-Pa55word!");

            using (var created = await admin.CreateSpaceAsync("silent-space"))
            {
                await OperatorsClient.ExpectAsync(created, HttpStatusCode.Accepted);
            }

            var status = await admin.WaitForProvisioningAsync("silent-space", TimeSpan.FromSeconds(30));
            Assert.Multiple(() =>
            {
                Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("failed"));
                Assert.That(status["steps"]!.AsObject().Select(s => s.Value!.GetValue<string>()), Is.All.EqualTo("timed-out"));
                Assert.That(status["failureReason"]!.GetValue<string>(), Does.Contain("booking"));
            });
            using var profile = await admin.Http.GetAsync(new Uri("/s/silent-space/api/space", UriKind.Relative));
            await OperatorsClient.ProblemAsync(profile, HttpStatusCode.NotFound);
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
