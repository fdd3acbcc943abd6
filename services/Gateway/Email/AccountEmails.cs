using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Operators.Gateway.Accounts;
using Operators.Tenancy;

namespace Operators.Gateway.Email;

/// <summary>
/// Where account links point: <c>Gateway:PublicUrl</c> when set; else the address the request came to, but only
/// when that host is this gateway's for sure (the base domain and its spaces, this machine, a local network
/// address or name) — never a host a client merely wrote in its request.
/// </summary>
public sealed class GatewayLinkOptions
{
    public Uri? PublicUrl { get; set; }
}

/// <summary>
/// The one-time-link emails of accounts: confirm a registration, claim an invitation, reset a password. Written in
/// French then English: the recipient may not have chosen a language yet.
/// </summary>
public sealed class AccountEmails(Mailer mailer, IOptions<GatewayLinkOptions> links, IOptions<TenancyOptions> tenancy, ILogger<AccountEmails> logger)
{
    public Task SendConfirmationAsync(HttpRequest request, Account account, string token, string? spaceSlug, CancellationToken ct) =>
        SendAsync(account, Link(request, spaceSlug, "account/confirm", account, token),
            "Confirmez votre adresse / Confirm your email",
            "Pour terminer votre inscription sur Operators, confirmez votre adresse :",
            "To finish signing up to Operators, confirm your email:",
            ct);

    public Task SendInvitationAsync(HttpRequest request, Account account, string token, string spaceName, string? spaceSlug, CancellationToken ct) =>
        SendAsync(account, Link(request, spaceSlug, "account/claim", account, token),
            $"Invitation : {spaceName} / Invitation: {spaceName}",
            $"Vous êtes invité·e à rejoindre « {spaceName} » sur Operators. Choisissez votre mot de passe :",
            $"You are invited to join \"{spaceName}\" on Operators. Choose your password:",
            ct);

    public Task SendPasswordResetAsync(HttpRequest request, Account account, string token, string? spaceSlug, CancellationToken ct) =>
        SendAsync(account, Link(request, spaceSlug, "account/reset", account, token),
            "Réinitialisation du mot de passe / Password reset",
            "Quelqu'un a demandé à réinitialiser votre mot de passe Operators. Si c'est vous :",
            "Someone asked to reset your Operators password. If it was you:",
            ct);

    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string? Link(HttpRequest request, string? spaceSlug, string page, Account account, string token)
    {
        string root;
        if (links.Value.PublicUrl is { } publicUrl)
        {
            root = publicUrl.ToString().TrimEnd('/');
        }
        else if (IsOwnHost(request.Host.Host))
        {
            root = $"{request.Scheme}://{request.Host}";
        }
        else
        {
            // A link to a host the client chose would hand the token to whoever runs that host.
            logger.LogError(
                "Not sending an account link for a request addressed to {Host}: it is not a host of this gateway. Set Gateway:PublicUrl (or Tenancy:BaseDomain) to the address people use.",
                request.Host.Host);
            return null;
        }

        var space = spaceSlug is null ? "" : $"/s/{spaceSlug}";
        return $"{root}{space}/{page}?user={account.Id}&code={EncodeToken(token)}";
    }

    private bool IsOwnHost(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return IPAddress.IsLoopback(address) || IsLocalNetwork(address);
        }

        var baseDomain = tenancy.Value.BaseDomain?.Trim('.');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || !host.Contains('.', StringComparison.Ordinal)
            || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || (!string.IsNullOrEmpty(baseDomain)
                && (host.Equals(baseDomain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + baseDomain, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>RFC 1918 and IPv6 unique-local or link-local addresses: a box on the space's own network.</summary>
    private static bool IsLocalNetwork(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168);
        }

        return address.IsIPv6UniqueLocal || address.IsIPv6LinkLocal;
    }

    private Task SendAsync(Account account, string? link, string subject, string french, string english, CancellationToken ct)
    {
        if (link is null)
        {
            return Task.CompletedTask;
        }

        var name = string.IsNullOrWhiteSpace(account.DisplayName) ? account.Email! : account.DisplayName;
        var text = $"""
            Bonjour {name},

            {french}
            {link}

            ---
            Hello {name},

            {english}
            {link}

            Ce lien ne sert qu'une fois. / This link works once.
            """;
        var encodedLink = WebUtility.HtmlEncode(link);
        var html = $"""
            <p>Bonjour {WebUtility.HtmlEncode(name)},</p><p>{WebUtility.HtmlEncode(french)}</p><p><a href="{encodedLink}">{encodedLink}</a></p>
            <hr><p>Hello {WebUtility.HtmlEncode(name)},</p><p>{WebUtility.HtmlEncode(english)}</p><p><a href="{encodedLink}">{encodedLink}</a></p>
            <p><small>Ce lien ne sert qu'une fois. / This link works once.</small></p>
            """;
        return mailer.SendAsync(new OutgoingEmail(account.Email!, name, subject, text, html), ct);
    }
}
