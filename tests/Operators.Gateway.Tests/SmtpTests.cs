using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Operators.Gateway.Tests;

/// <summary>Account emails through a real SMTP server (MailKit on the gateway's side), including while it is down.</summary>
public sealed partial class SmtpTests
{
    private const string Password = "Correct-horse-9";

    [Test]
    public async Task With_smtp_configured_the_confirmation_goes_through_the_server_signed_in_and_its_link_works()
    {
        var port = LocalSmtpServer.FreePort();
        await using var smtp = LocalSmtpServer.Start(port);
        await using var host = await StandaloneHost.StartAsync(configuration: LocalSmtpServer.Settings(port));
        using var client = new OperatorsClient(host.Process.BaseAddress);

        using (var registered = await client.Http.PostAsJsonAsync("/auth/register", new { email = "julie@exemple.fr", password = Password, displayName = "Julie" }))
        {
            await OperatorsClient.ExpectAsync(registered, HttpStatusCode.Created);
        }

        var message = await smtp.MessageToAsync("julie@exemple.fr", TimeSpan.FromSeconds(15));
        await ConfirmAsync(client, message);
        await client.SignInAsync("julie@exemple.fr", Password);
        Assert.Multiple(() =>
        {
            Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("bonjour@la-grange.test"));
            Assert.That(message.HtmlBody, Does.Contain("account/confirm"));
            Assert.That(Directory.Exists(host.MailFolder) ? Directory.GetFiles(host.MailFolder, "*.eml", SearchOption.AllDirectories) : [], Is.Empty, "nothing written to the pickup folder");
        });
    }

    [Test]
    public async Task While_the_smtp_server_is_down_registration_succeeds_and_the_email_goes_out_once_it_is_back()
    {
        var port = LocalSmtpServer.FreePort();
        var settings = LocalSmtpServer.Settings(port);
        settings["Email:RetryDelay"] = "00:00:01";
        settings["Jobs:PollInterval"] = "00:00:01";
        await using var host = await StandaloneHost.StartAsync(configuration: settings);
        using var client = new OperatorsClient(host.Process.BaseAddress);

        using (var registered = await client.Http.PostAsJsonAsync("/auth/register", new { email = "paul@exemple.fr", password = Password, displayName = "Paul" }))
        {
            await OperatorsClient.ExpectAsync(registered, HttpStatusCode.Created);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        await using var smtp = LocalSmtpServer.Start(port);
        var message = await smtp.MessageToAsync("paul@exemple.fr", TimeSpan.FromSeconds(45));
        await ConfirmAsync(client, message);
        await client.SignInAsync("paul@exemple.fr", Password);
        Assert.That(host.Process.Output, Does.Contain("SMTP delivery of"), "the failure was logged");
    }

    private static async Task ConfirmAsync(OperatorsClient client, MimeKit.MimeMessage message)
    {
        var url = new Uri(Links().Matches(message.TextBody ?? "").Select(m => m.Value).First(u => u.Contains("/account/confirm?", StringComparison.Ordinal)));
        var query = QueryHelpers.ParseQuery(url.Query);
        using var confirmed = await client.Http.PostAsJsonAsync("/auth/confirm-email", new { userId = query["user"].ToString(), code = query["code"].ToString(), password = Password });
        await OperatorsClient.ExpectAsync(confirmed, HttpStatusCode.NoContent);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
