using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Operators.ServiceDefaults.Validation;

namespace Operators.Gateway.Spaces;

public sealed record CreateSpaceRequest(
    string? Slug,
    string? Name,
    string? Template,
    SpaceOwnerRequest? Owner,
    string? Locale = null,
    string? TimeZone = null,
    string? Currency = null,
    string? Town = null,
    string? Description = null);

public sealed record SpaceOwnerRequest(string? Email, string? DisplayName);

public sealed partial class CreateSpaceValidator : AbstractValidator<CreateSpaceRequest>
{
    /// <summary>Words a slug cannot take: they are, or may become, paths and hosts of the network itself.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "api", "auth", "admin", "app", "docs", "health", "openapi", "s", "static", "www", "mail", "network", "status",
    };

    public CreateSpaceValidator()
    {
        RuleFor(r => r.Slug).NotEmpty()
            .Length(3, 40)
            .Matches(SlugPattern()).WithMessage("A slug is lowercase letters, digits and single hyphens, starting with a letter (e.g. 'la-ruche').")
            .Must(s => s is null || !Reserved.Contains(s)).WithMessage("This slug is reserved.");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).PlainText();
        RuleFor(r => r.Template).NotEmpty()
            .Must(t => t is null || SpaceTemplates.Find(t) is not null)
            .WithMessage(_ => "Unknown template. Known: " + string.Join(", ", SpaceTemplates.BuiltIn.Select(t => t.Id)) + ".");
        RuleFor(r => r.Owner).NotNull();
        RuleFor(r => r.Owner!.Email).NotEmpty().EmailAddress().MaximumLength(256).PlainText().When(r => r.Owner is not null).OverridePropertyName("owner.email");
        RuleFor(r => r.Owner!.DisplayName).NotEmpty().MaximumLength(200).PlainText().When(r => r.Owner is not null).OverridePropertyName("owner.displayName");
        RuleFor(r => r.Locale).Must(BeACulture).When(r => r.Locale is not null).WithMessage("Unknown locale (e.g. fr-FR, en-GB).");
        RuleFor(r => r.TimeZone).Must(BeATimeZone).When(r => r.TimeZone is not null).WithMessage("Unknown IANA time zone (e.g. Europe/Paris).");
        RuleFor(r => r.Currency).Matches(@"^[A-Z]{3}\z").When(r => r.Currency is not null).WithMessage("A currency is an ISO 4217 code (e.g. EUR).");
        RuleFor(r => r.Town).MaximumLength(120).PlainText();
        RuleFor(r => r.Description).MaximumLength(2000).PlainText(multiline: true);
    }

    private static bool BeACulture(string? locale)
    {
        try
        {
            return locale is not null && !CultureInfo.GetCultureInfo(locale, predefinedOnly: true).Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static bool BeATimeZone(string? zone) =>
        zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId;

    // \z, not $: "$" also matches before a final newline.
    [GeneratedRegex(@"^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
