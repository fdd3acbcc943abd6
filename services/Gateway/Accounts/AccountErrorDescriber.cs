using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Operators.Gateway.Accounts;

/// <summary>
/// The account errors people meet, in the API's plain words. The intranet translates these exact sentences
/// (see <c>Texts.French</c>), so changing one here means changing its translation too.
/// </summary>
public sealed class AccountErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), string.Format(CultureInfo.InvariantCulture, "The password needs at least {0} characters.", length));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "The password needs a digit.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "The password needs a lowercase letter.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "The password needs an uppercase letter.");

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "The password needs a character that is neither a letter nor a digit.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), string.Format(CultureInfo.InvariantCulture, "The password needs at least {0} different characters.", uniqueChars));

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "This email address is not valid.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "This link is invalid or was already used.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
