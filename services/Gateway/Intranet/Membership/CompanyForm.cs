namespace Operators.Gateway.Intranet.Membership;

/// <summary>A company as its form posts it: a name, where invoices go, and whom they are made out to.</summary>
public sealed class CompanyForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public BillingForm Billing { get; set; } = new() { IsBusiness = true };

    public static CompanyForm From(CompanyDocument company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return new() { Name = company.Name, Email = company.Email, Billing = BillingForm.From(company.Billing) };
    }

    public object ToRequest() => new
    {
        name = Name?.Trim(),
        email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(),
        billing = Billing.ToRequest(),
    };
}
