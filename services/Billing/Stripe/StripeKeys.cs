using Microsoft.AspNetCore.DataProtection;
using Operators.Billing.Settings;

namespace Operators.Billing.Stripe;

/// <summary>
/// A space's Stripe keys as the settings carry them. In a PUT: a key left out (or null) stays as stored, an empty
/// string removes it, a value replaces it. In a GET: the publishable key, and only whether the secrets are set —
/// <c>secretKey</c> and <c>webhookSecret</c> are never given back.
/// </summary>
public sealed record StripeKeysDocument(string? PublishableKey, string? SecretKey, string? WebhookSecret, bool? SecretKeySet = null, bool? WebhookSecretSet = null)
{
    public static StripeKeysDocument From(BillingSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.StripePublishableKey, null, null, s.StripeSecretKeyProtected is not null, s.StripeWebhookSecretProtected is not null);
    }
}

/// <summary>
/// Keeps the Stripe secrets encrypted at rest with ASP.NET Core Data Protection (its keys in the billing database, or in
/// <c>DataProtection:KeysPath</c> when set), and reads them back for the calls to Stripe and the webhook's signature.
/// </summary>
public sealed class StripeKeys(IDataProtectionProvider provider, ILogger<StripeKeys> logger)
{
    private readonly IDataProtector protector = provider.CreateProtector("Operators.Billing.StripeKeys.v1");

    public void Apply(BillingSettings settings, StripeKeysDocument? keys)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (keys is null)
        {
            return;
        }

        if (keys.PublishableKey is { } publishable)
        {
            settings.StripePublishableKey = publishable.Length == 0 ? null : publishable.Trim();
        }

        if (keys.SecretKey is { } secret)
        {
            settings.StripeSecretKeyProtected = secret.Length == 0 ? null : protector.Protect(secret.Trim());
        }

        if (keys.WebhookSecret is { } webhook)
        {
            settings.StripeWebhookSecretProtected = webhook.Length == 0 ? null : protector.Protect(webhook.Trim());
        }
    }

    public string? SecretKey(BillingSettings settings) => Unprotect(settings?.StripeSecretKeyProtected);

    public string? WebhookSecret(BillingSettings settings) => Unprotect(settings?.StripeWebhookSecretProtected);

    /// <summary>A secret the key ring can no longer read (the ring lost or not shared by a replica) counts as not set, loudly.</summary>
    private string? Unprotect(string? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            logger.LogError(e, "A Stripe secret cannot be decrypted: the Data Protection key ring changed. Online payment is off until the treasurer enters the keys again.");
            return null;
        }
    }
}
