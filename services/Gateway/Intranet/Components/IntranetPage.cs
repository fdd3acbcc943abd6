using Microsoft.AspNetCore.Components;

namespace Operators.Gateway.Intranet.Components;

/// <summary>Who may open a page.</summary>
public enum Need
{
    Anyone,

    /// <summary>Anyone, signed in or not (a guest buying a day pass), inside a space.</summary>
    Visitor,
    SignedIn,
    Member,
    Operator,
    Treasurer,
    Owner,
}

/// <summary>
/// The base of every intranet page: the session, the API client, words in the reader's language, and the access
/// check — nobody signed in goes to the sign-in page and comes back; somebody without the role sees why (403).
/// </summary>
public abstract class IntranetPage : ComponentBase
{
    [Inject]
    protected IntranetSession Session { get; set; } = null!;

    [Inject]
    protected IntranetApi Api { get; set; } = null!;

    [Inject]
    protected NavigationManager Nav { get; set; } = null!;

    [Inject]
    protected TimeProvider Clock { get; set; } = null!;

    [CascadingParameter]
    protected HttpContext? Http { get; set; }

    /// <summary>False when the access check refused the page; the page then renders <c>AccessDenied</c> only.</summary>
    protected bool Allowed { get; private set; } = true;

    protected string L(string english) => Session.T(english);

    /// <summary>The messages of a validation failure, translated where the intranet knows them (account rules, say).</summary>
    protected List<string>? Messages(IEnumerable<KeyValuePair<string, string[]>>? errors) => errors?.SelectMany(e => e.Value).Select(L).ToList();

    protected static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    protected async Task<bool> GuardAsync(Need need)
    {
        await Session.LoadAsync();
        if (need != Need.Anyone && Session.Space is null && need != Need.SignedIn)
        {
            Refuse(StatusCodes.Status404NotFound);
            return false;
        }

        if (need is not Need.Anyone and not Need.Visitor && !Session.IsSignedIn)
        {
            var here = Nav.ToBaseRelativePath(Nav.Uri);
            Allowed = false;
            Nav.NavigateTo("account/login?returnUrl=" + Uri.EscapeDataString("/" + here));
            return false;
        }

        var caller = Session.Caller;
        var ok = need switch
        {
            Need.Member => Session.IsPerson,
            Need.Operator => caller.IsOperator,
            Need.Treasurer => caller.IsTreasurer,
            Need.Owner => caller.IsOwner,
            _ => true,
        };
        if (!ok)
        {
            Refuse(StatusCodes.Status403Forbidden);
        }

        return ok;
    }

    /// <summary>A refused API call in plain words, in the reader's language; never a stack trace.</summary>
    protected (string Text, IReadOnlyList<string>? Details) Explain<T>(ApiResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lead = result.Code switch
        {
            "full" => L("Full: there is no seat left at that time."),
            "taken" => L("Already booked: someone has it at that time."),
            "closed" => L("The space is closed that day."),
            "outside-hours" => L("That time is outside the opening hours."),
            "too-long" => L("That is longer than a booking may last here."),
            "past" => L("That time is in the past."),
            "too-far-ahead" => L("Bookings do not open that far ahead yet."),
            "deactivated" => L("This is not bookable at the moment."),
            "seats" => L("There are not that many seats."),
            "hourly" => L("This is booked by the hour: pick a start time."),
            _ => (int)result.Status switch
            {
                400 => L("Some information needs attention:"),
                401 => L("Your session has ended: sign in again."),
                403 => L("Your role does not allow this."),
                404 => L("Not found: it may have been removed."),
                409 => L("That is not possible any more:"),
                429 => L("Too many attempts: wait a moment and try again."),
                _ => L("Something went wrong on our side. Try again in a moment."),
            },
        };

        var details = new List<string>();
        if (result.Code is null || Session.Language == "en")
        {
            if (result.Errors is { Count: > 0 } errors)
            {
                details.AddRange(Messages(errors)!);
            }
            else if (!string.IsNullOrEmpty(result.Detail) && (int)result.Status < 500)
            {
                details.Add(result.Detail);
            }
        }

        return (lead, details);
    }

    /// <summary>Post-redirect-get: after a change, show the page afresh with a message key.</summary>
    protected void Done(string page, string message) => Nav.NavigateTo($"{page}{(page.Contains('?', StringComparison.Ordinal) ? "&" : "?")}done={message}");

    private void Refuse(int status)
    {
        Allowed = false;
        if (Http is { Response.HasStarted: false })
        {
            Http.Response.StatusCode = status;
        }
    }
}
