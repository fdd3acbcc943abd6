using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Operators.Gateway.Accounts;
using Operators.Tenancy;

using Operators.ServiceDefaults.Email;

namespace Operators.Gateway.Email;

/// <summary>
/// Where account links point: <c>Gateway:PublicUrl</c> when set; else the address the request came to, but only
/// when that host is this gateway's for sure (the base domain and its spaces, this machine's names, the address
/// the connection arrived on) — never a host a client merely wrote in its request.
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

    /// <summary>To a person who already had an account: a role awaits them in a space, which sees them once they come.</summary>
    public Task SendAddedToSpaceAsync(HttpRequest request, Account account, string spaceName, string spaceSlug, CancellationToken ct) =>
        SendAsync(account, Root(request) is { } root ? $"{root}/s/{spaceSlug}/" : null,
            $"{spaceName} : un rôle vous attend / A role awaits you",
            $"« {spaceName} » vous a donné un rôle sur Operators. Ouvrez l'espace, connecté·e, pour le rejoindre :",
            $"\"{spaceName}\" gave you a role on Operators. Open the space, signed in, to join it:",
            ct,
            oneTime: false);

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

    /// <summary>Whether links can be built for this request (see <see cref="GatewayLinkOptions"/>); check before changing anything.</summary>
    public bool CanLink(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return links.Value.PublicUrl is not null || IsOwnHost(request);
    }

    private string? Link(HttpRequest request, string? spaceSlug, string page, Account account, string token)
    {
        if (Root(request) is not { } root)
        {
            return null;
        }

        var space = spaceSlug is null ? "" : $"/s/{spaceSlug}";
        return $"{root}{space}/{page}?user={account.Id}&code={EncodeToken(token)}";
    }

    private string? Root(HttpRequest request)
    {
        if (links.Value.PublicUrl is { } publicUrl)
        {
            return publicUrl.ToString().TrimEnd('/');
        }

        if (IsOwnHost(request))
        {
            return $"{request.Scheme}://{request.Host}";
        }

        // A link to a host the client chose would hand the token to whoever runs that host.
        logger.LogError(
            "Not sending an account link for a request addressed to {Host}: it is not a host of this gateway. Set Gateway:PublicUrl (or Tenancy:BaseDomain) to the address people use.",
            request.Host.Host);
        return null;
    }

    /// <summary>
    /// The host the request named is this gateway's for sure: under the base domain, <c>localhost</c> or this
    /// machine's name, or the very address the connection arrived on (a box on the space's network) — not any
    /// address or name a neighbour on that network could answer for.
    /// </summary>
    private bool IsOwnHost(HttpRequest request)
    {
        var host = request.Host.Host;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            var local = request.HttpContext.Connection.LocalIpAddress;
            return IPAddress.IsLoopback(address) || (local is not null && Same(address, local));
        }

        var machine = Environment.MachineName;
        var baseDomain = tenancy.Value.BaseDomain?.Trim('.');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host.Equals(machine, StringComparison.OrdinalIgnoreCase)
            || host.Equals(machine + ".local", StringComparison.OrdinalIgnoreCase)
            || (!string.IsNullOrEmpty(baseDomain)
                && (host.Equals(baseDomain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + baseDomain, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool Same(IPAddress a, IPAddress b) =>
        (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b);

    private Task SendAsync(Account account, string? link, string subject, string french, string english, CancellationToken ct, bool oneTime = true)
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
            {(oneTime ? "\nCe lien ne sert qu'une fois. / This link works once." : "")}
            """;
        var encodedLink = WebUtility.HtmlEncode(link);
        var html = $"""
            <p>Bonjour {WebUtility.HtmlEncode(name)},</p><p>{WebUtility.HtmlEncode(french)}</p><p><a href="{encodedLink}">{encodedLink}</a></p>
            <hr><p>Hello {WebUtility.HtmlEncode(name)},</p><p>{WebUtility.HtmlEncode(english)}</p><p><a href="{encodedLink}">{encodedLink}</a></p>
            {(oneTime ? "<p><small>Ce lien ne sert qu'une fois. / This link works once.</small></p>" : "")}
            """;
        return mailer.SendAsync(new OutgoingEmail(account.Email!, name, subject, text, html), ct);
    }
}
