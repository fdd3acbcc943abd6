using System.Net.Sockets;
using Hangfire;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Operators.ServiceDefaults.Data;

namespace Operators.ServiceDefaults.Email;

/// <summary>One message to one person: a subject, a plain-text body and an HTML body.</summary>
public sealed record OutgoingEmail(string To, string ToName, string Subject, string Text, string Html);

/// <summary>
/// Sends the platform's emails (accounts, invoice reminders): over SMTP when <c>Email:Smtp:Host</c> is set, else as .eml files in the pickup folder.
/// A failed SMTP delivery does not fail the person's request: the message is retried by a Hangfire job with a
/// doubling delay, and kept in <c>{pickup}/undelivered</c> if it never goes out.
/// </summary>
public sealed class Mailer(IOptions<EmailOptions> options, IConfiguration configuration, IBackgroundJobClient jobs, ILogger<Mailer> logger)
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (options.Value.Smtp is not { Host.Length: > 0 })
        {
            var file = await WriteAsync(email, PickupFolder, cancellationToken);
            logger.LogInformation("No SMTP server configured: wrote \"{Subject}\" for {To} to {File}", email.Subject, email.To, file);
            return;
        }

        try
        {
            // Not the request's token: once the account changes are saved, the email goes even if the person left.
            await DeliverAsync(email, CancellationToken.None);
        }
        catch (Exception e) when (IsTransient(e))
        {
            logger.LogWarning(e, "SMTP delivery of \"{Subject}\" to {To} failed; retrying in {Delay}", email.Subject, email.To, options.Value.RetryDelay);
            jobs.Schedule<Mailer>(m => m.RetryAsync(email, 2), options.Value.RetryDelay);
        }
        catch (SmtpCommandException refused) when (!IsTransient(refused))
        {
            var file = await WriteAsync(email, Path.Combine(PickupFolder, "undelivered"), CancellationToken.None);
            logger.LogError(refused, "The SMTP server refused \"{Subject}\" to {To} for good; kept in {File}", email.Subject, email.To, file);
        }
    }

    /// <summary>A later delivery attempt (a Hangfire job, which schedules the next one itself).</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RetryAsync(OutgoingEmail email, int attempt)
    {
        ArgumentNullException.ThrowIfNull(email);
        try
        {
            await DeliverAsync(email, CancellationToken.None);
            logger.LogInformation("Delivered \"{Subject}\" to {To} at attempt {Attempt}", email.Subject, email.To, attempt);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (attempt >= options.Value.MaxAttempts || !IsTransient(e))
            {
                var file = await WriteAsync(email, Path.Combine(PickupFolder, "undelivered"), CancellationToken.None);
                logger.LogError(e, "Gave up delivering \"{Subject}\" to {To} after {Attempts} attempts; kept in {File}", email.Subject, email.To, attempt, file);
                return;
            }

            var delay = TimeSpan.FromTicks(Math.Min(options.Value.RetryDelay.Ticks << Math.Min(attempt - 1, 20), TimeSpan.FromHours(1).Ticks));
            logger.LogWarning(e, "SMTP delivery of \"{Subject}\" to {To} failed at attempt {Attempt}; retrying in {Delay}", email.Subject, email.To, attempt, delay);
            jobs.Schedule<Mailer>(m => m.RetryAsync(email, attempt + 1), delay);
        }
    }

    private async Task DeliverAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp!;
        using var message = Compose(email);
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        logger.LogInformation("Sent \"{Subject}\" to {To} over SMTP", email.Subject, email.To);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or SmtpCommandException)
        {
            // The server accepted the message: a failed goodbye must not send it twice.
            logger.LogDebug(e, "SMTP disconnect after delivery failed");
        }
    }

    /// <summary>
    /// Worth trying again later: anything but a definite refusal (a 5xx answer to a command) — the server
    /// unreachable, busy, refusing for now (4xx), its TLS certificate or our credentials wrong until someone fixes
    /// them.
    /// </summary>
    private static bool IsTransient(Exception e) => e is not SmtpCommandException command || (int)command.StatusCode < 500;

    private string PickupFolder =>
        Path.GetFullPath(options.Value.PickupDirectory ?? Path.Combine(DataFolder.Resolve(configuration), "mail"));

    private MimeMessage Compose(OutgoingEmail email)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(new MailboxAddress(email.ToName, email.To));
        message.Subject = email.Subject;
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        return message;
    }

    private async Task<string> WriteAsync(OutgoingEmail email, string folder, CancellationToken cancellationToken)
    {
        using var message = Compose(email);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(file, cancellationToken);
        return file;
    }
}

/// <summary>Registers the <see cref="Mailer"/> and its options (section <c>Email</c>), for any service that sends mail.</summary>
public static class MailerRegistration
{
    public static IHostApplicationBuilder AddServiceMail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection("Email"));
        builder.Services.TryAddSingleton<Mailer>();
        return builder;
    }
}
