using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Operators.ServiceDefaults.Data;

namespace Operators.Gateway.Email;

/// <summary>One message to one person: a subject, a plain-text body and an HTML body.</summary>
public sealed record OutgoingEmail(string To, string ToName, string Subject, string Text, string Html);

/// <summary>Sends account emails: over SMTP when <c>Email:Smtp:Host</c> is set, else as .eml files in the pickup folder.</summary>
public sealed class Mailer(IOptions<EmailOptions> options, IConfiguration configuration, ILogger<Mailer> logger)
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var settings = options.Value;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(email.ToName, email.To));
        message.Subject = email.Subject;
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();

        if (settings.Smtp is { Host: { Length: > 0 } host } smtp)
        {
            using var client = new SmtpClient();
            var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTls;
            await client.ConnectAsync(host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            logger.LogInformation("Sent \"{Subject}\" to {To} over SMTP", email.Subject, email.To);
            return;
        }

        var folder = Path.GetFullPath(settings.PickupDirectory ?? Path.Combine(DataFolder.Resolve(configuration), "mail"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(file, cancellationToken);
        logger.LogInformation("No SMTP server configured: wrote \"{Subject}\" for {To} to {File}", email.Subject, email.To, file);
    }
}
