using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Operators.Gateway.Accounts;

namespace Operators.Gateway.Email;

/// <summary>Where account links point: <c>Gateway:PublicUrl</c> when set (behind a proxy), else the address the request came to.</summary>
public sealed class GatewayLinkOptions
{
    public Uri? PublicUrl { get; set; }
}

/// <summary>
/// The one-time-link emails of accounts: confirm a registration, claim an invitation, reset a password. Written in
/// French then English: the recipient may not have chosen a language yet.
/// </summary>
public sealed class AccountEmails(Mailer mailer, IOptions<GatewayLinkOptions> links)
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

    private string Link(HttpRequest request, string? spaceSlug, string page, Account account, string token)
    {
        var root = links.Value.PublicUrl?.ToString().TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        var space = spaceSlug is null ? "" : $"/s/{spaceSlug}";
        return $"{root}{space}/{page}?user={account.Id}&code={EncodeToken(token)}";
    }

    private Task SendAsync(Account account, string link, string subject, string french, string english, CancellationToken ct)
    {
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
