using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using MimeKit;

namespace Operators.Testing;

/// <summary>A one-time link found in an email: the page it opens, and its <c>user</c> and <c>code</c> parameters.</summary>
public sealed record EmailLink(Uri Url, string UserId, string Code);

/// <summary>Reads the .eml files the gateway writes to its pickup folder when no SMTP server is configured.</summary>
public static partial class Mailbox
{
    public static IReadOnlyList<MimeMessage> MessagesTo(string folder, string address)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(file => MimeMessage.Load(file))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>Waits for the latest email to <paramref name="address"/> holding a link to <paramref name="page"/> (e.g. <c>account/confirm</c>).</summary>
    public static Task<EmailLink> LinkAsync(string folder, string address, string page, int after = 0) =>
        Eventually.MatchAsync(
            () => Task.FromResult(MessagesTo(folder, address).Skip(after)
                .Select(m => Links().Matches(m.TextBody ?? "").Select(x => x.Value).LastOrDefault(u => u.Contains("/" + page + "?", StringComparison.Ordinal)))
                .LastOrDefault(u => u is not null)),
            url => url is not null,
            TimeSpan.FromSeconds(15),
            $"an email to {address} with a link to {page}")
        .ContinueWith(t =>
        {
            var url = new Uri(t.Result!);
            var query = QueryHelpers.ParseQuery(url.Query);
            return new EmailLink(url, query["user"].ToString(), query["code"].ToString());
        }, TaskScheduler.Default);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}
