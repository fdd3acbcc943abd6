using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Operators.Intranet.Tests;

/// <summary>
/// One standalone host started with <c>--demo</c> and one headless Chromium (Debian's package) for every test of this
/// assembly. Each test opens its own browser context, so cookies never leak between people.
/// </summary>
[SetUpFixture]
public sealed class IntranetSite
{
    public const string Password = "Demo-password-42";
    public const string Space = "demo";

    private static StandaloneHost? host;
    private static IPlaywright? playwright;
    private static IBrowser? browser;
    private static FakeStripe? stripe;

    public static StandaloneHost Host => host ?? throw new InvalidOperationException("The site is not started.");

    public static IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>Stripe's API as billing calls it, and its hosted payment page as a guest's browser opens it.</summary>
    public static FakeStripe Stripe => stripe ?? throw new InvalidOperationException("The site is not started.");

    public static string BaseUrl => Host.Process.BaseAddress.ToString().TrimEnd('/');

    public static string SpaceUrl(string page = "") => $"{BaseUrl}/s/{Space}/{page}";

    /// <summary>The base domain the site serves spaces under (<c>{slug}.{base domain}</c>).</summary>
    public const string BaseDomain = "operators.test";

    /// <summary>A page of the demo space on its own host.</summary>
    public static string SpaceHostUrl(string page = "") => $"http://{Space}.{BaseDomain}:{Host.Process.BaseAddress.Port}/{page}";

    /// <summary>Where screenshots are kept (the CI keeps this folder as the run's artifacts).</summary>
    public static string Screenshots { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("OPERATORS_TEST_ARTIFACTS") ?? Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts"), "screenshots");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        stripe = await FakeStripe.StartAsync();
        host = await StandaloneHost.StartAsync(
            configuration: new Dictionary<string, string>
            {
                ["Stripe:ApiBase"] = stripe.BaseAddress.ToString().TrimEnd('/'),
                ["Demo:Password"] = Password,
                ["Tenancy:BaseDomain"] = BaseDomain,
                // The demo's invoices stay as the tests make them: no monthly run starts by itself (billing's tests cover it).
                ["Billing:RunScheduleCron"] = "0 0 31 2 *",
            },
            demo: true);
        await Eventually.MatchAsync(
            () => Task.FromResult(File.Exists(Path.Combine(host.DataPath, "demo-seeded"))),
            seeded => seeded,
            TimeSpan.FromSeconds(90),
            "the demo space to be seeded");

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // {slug}.{base domain} resolves to this machine, as a wildcard DNS record would in production.
            Args = [$"--host-resolver-rules=MAP *.{BaseDomain} 127.0.0.1", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (stripe is not null)
        {
            await stripe.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (its own cookies) with a page, in the given language preference.</summary>
    public static async Task<IPage> NewPageAsync(string locale = "fr-FR")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the intranet's sign-in page, as a person would.</summary>
    public static async Task<IPage> SignedInAsync(string email, string locale = "fr-FR")
    {
        var page = await NewPageAsync(locale);
        await page.GotoAsync(SpaceUrl("account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>An API client signed in as one of the demo's people, for arranging a test's situation.</summary>
    public static async Task<OperatorsClient> ApiAsync(string email)
    {
        var client = new OperatorsClient(Host.Process.BaseAddress);
        await client.SignInAsync(email, Password);
        return client;
    }

    /// <summary>Creates a desk pool through the API (as the operator); returns its id.</summary>
    public static async Task<string> CreatePoolAsync(string name, int capacity)
    {
        using var op = await ApiAsync("operator@demo.test");
        using var response = await op.Http.PostAsJsonAsync($"/s/{Space}/api/booking/resources", new { name, kind = "desk-pool", capacity, pricePerDay = 12m, bookableBy = "members" });
        await OperatorsClient.ExpectAsync(response, System.Net.HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>An open weekday at least <paramref name="ahead"/> days after today in Paris (the demo is open Monday to Friday, with one closure two weeks out).</summary>
    public static DateOnly OpenDay(int ahead) => TestCalendar.Weekday(DateTimeOffset.UtcNow, ahead);

    /// <summary>
    /// Whether the desk can check a guest in today for a few minutes yet: the demo opens Monday to Friday at 08:30
    /// until 18:30, Paris time, and check-in opens an hour before the start.
    /// </summary>
    public static bool CheckInOpen(DateTimeOffset now) => TestCalendar.IsWeekdayBetween(now, TestCalendar.Paris, new TimeOnly(7, 31), new TimeOnly(18, 25));

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(Screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
