using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Operators.Tenancy.Resolution;

namespace Operators.Tenancy.Tests;

public sealed class ResolutionTests
{
    private static readonly TenantInfo Ruche = InMemoryTenantStore.Tenant("la-ruche");
    private static readonly TenantInfo Hangar = InMemoryTenantStore.Tenant("le-hangar");
    private static readonly TenantInfo Forge = InMemoryTenantStore.Tenant("la-forge");
    private static readonly TenantInfo Closed = InMemoryTenantStore.Tenant("closed", TenantStatus.Suspended);
    private static readonly TenantInfo Starting = InMemoryTenantStore.Tenant("starting", TenantStatus.Provisioning);
    private static readonly TenantInfo Broken = InMemoryTenantStore.Tenant("broken", TenantStatus.Failed);

    private static TenantResolver Resolver() => new(
        [new ClaimTenantStrategy(), new PathPrefixTenantStrategy(), new HostTenantStrategy(Options.Create(new TenancyOptions { BaseDomain = "operators.test" }))],
        new ServiceCollection().AddSingleton<ITenantStore>(new InMemoryTenantStore(Ruche, Hangar, Forge, Closed, Starting, Broken)).BuildServiceProvider());

    private static DefaultHttpContext Request(string host, string path, TenantInfo? claimed = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host);
        context.Request.Path = path;
        if (claimed is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(TenantClaimTypes.Tenant, claimed.Id.ToString())], "Internal"));
        }

        return context;
    }

    [Test]
    public async Task Host_subdomain_wins_over_path_prefix_and_claim()
    {
        var resolution = await Resolver().ResolveAsync(Request("la-ruche.operators.test", "/s/le-hangar/api/space", claimed: Forge));
        Assert.That(resolution.Tenant, Is.EqualTo(Ruche));
    }

    [Test]
    public async Task Path_prefix_wins_over_claim_when_the_host_names_no_space()
    {
        var resolution = await Resolver().ResolveAsync(Request("localhost", "/s/le-hangar/api/space", claimed: Forge));
        Assert.That(resolution.Tenant, Is.EqualTo(Hangar));
    }

    [Test]
    public async Task Claim_resolves_when_nothing_else_names_a_space()
    {
        var resolution = await Resolver().ResolveAsync(Request("booking.internal", "/api/booking/space", claimed: Forge));
        Assert.That(resolution.Tenant, Is.EqualTo(Forge));
    }

    [Test]
    public async Task No_identifier_is_a_network_request_not_a_default_space()
    {
        var resolution = await Resolver().ResolveAsync(Request("operators.test", "/api/templates"));
        Assert.Multiple(() =>
        {
            Assert.That(resolution.Outcome, Is.EqualTo(TenantResolutionOutcome.None));
            Assert.That(resolution.Tenant, Is.Null);
        });
    }

    [TestCase("unknown")]
    [TestCase("closed")]
    [TestCase("starting")]
    [TestCase("broken")]
    public async Task A_space_that_is_not_active_is_not_found(string slug)
    {
        var resolution = await Resolver().ResolveAsync(Request("localhost", $"/s/{slug}/api/space"));
        Assert.That(resolution.Outcome, Is.EqualTo(TenantResolutionOutcome.NotFound));
    }

    [Test]
    public async Task An_unknown_host_subdomain_does_not_fall_back_to_the_path()
    {
        var resolution = await Resolver().ResolveAsync(Request("nowhere.operators.test", "/s/la-ruche/api/space"));
        Assert.That(resolution.Outcome, Is.EqualTo(TenantResolutionOutcome.NotFound));
    }

    [TestCase("www.operators.test")]
    [TestCase("a.b.operators.test")]
    [TestCase("operators.test")]
    [TestCase("la-ruche.elsewhere.test")]
    public void Host_strategy_ignores_hosts_that_are_not_one_label_under_the_base_domain(string host)
    {
        var strategy = new HostTenantStrategy(Options.Create(new TenancyOptions { BaseDomain = "operators.test" }));
        Assert.That(strategy.Identify(Request(host, "/")), Is.Null);
    }

    [Test]
    public void Host_strategy_does_nothing_without_a_base_domain()
    {
        var strategy = new HostTenantStrategy(Options.Create(new TenancyOptions()));
        Assert.That(strategy.Identify(Request("la-ruche.operators.test", "/")), Is.Null);
    }

    [TestCase("/s/la-ruche/api/booking/resources", "/s/la-ruche", "/api/booking/resources")]
    [TestCase("/s/la-ruche", "/s/la-ruche", "/")]
    [TestCase("/s/La-Ruche/", "/s/La-Ruche", "/")]
    public void Path_prefix_moves_to_path_base(string path, string pathBase, string rest)
    {
        var context = Request("localhost", path);
        var strategy = new PathPrefixTenantStrategy();
        Assert.That(strategy.Identify(context), Is.EqualTo("la-ruche"));
        strategy.OnResolved(context);
        Assert.Multiple(() =>
        {
            Assert.That(context.Request.PathBase.Value, Is.EqualTo(pathBase));
            Assert.That(context.Request.Path.Value, Is.EqualTo(rest));
        });
    }

    [TestCase("/s")]
    [TestCase("/s/")]
    [TestCase("/spaces/la-ruche")]
    public void Paths_that_are_not_a_space_prefix_name_no_space(string path) =>
        Assert.That(new PathPrefixTenantStrategy().Identify(Request("localhost", path)), Is.Null);

    [Test]
    public async Task Middleware_answers_404_problem_for_a_suspended_space_and_never_calls_the_app()
    {
        var (context, services) = MiddlewareRequest("/s/closed/api/space");
        var reached = false;
        var middleware = new TenantResolutionMiddleware(_ => { reached = true; return Task.CompletedTask; });

        await middleware.InvokeAsync(context, Resolver(), services.GetRequiredService<ITenantContextSetter>(), services.GetRequiredService<IProblemDetailsService>());

        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Multiple(() =>
        {
            Assert.That(reached, Is.False);
            Assert.That(context.Response.StatusCode, Is.EqualTo(404));
            Assert.That(context.Response.ContentType, Does.StartWith("application/problem+json"));
            Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(404));
        });
    }

    [Test]
    public async Task Middleware_sets_the_space_for_the_rest_of_the_request_and_clears_it_after()
    {
        var (context, services) = MiddlewareRequest("/s/la-ruche/api/space");
        var tenants = services.GetRequiredService<ITenantContext>();
        Guid? seen = null;
        var middleware = new TenantResolutionMiddleware(_ => { seen = tenants.TenantId; return Task.CompletedTask; });

        await middleware.InvokeAsync(context, Resolver(), services.GetRequiredService<ITenantContextSetter>(), services.GetRequiredService<IProblemDetailsService>());

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(Ruche.Id));
            Assert.That(tenants.TenantId, Is.Null);
            Assert.That(context.Request.Path.Value, Is.EqualTo("/api/space"));
        });
    }

    [Test]
    public void Change_restores_the_previous_space_when_disposed()
    {
        var tenants = new TenantContext();
        using (tenants.Change(Ruche))
        {
            using (tenants.Change(Hangar.Id))
            {
                Assert.That(tenants.TenantId, Is.EqualTo(Hangar.Id));
            }

            Assert.That(tenants.TenantId, Is.EqualTo(Ruche.Id));
        }

        Assert.That(tenants.TenantId, Is.Null);
    }

    [Test]
    public async Task The_space_does_not_leak_into_concurrent_flows()
    {
        var tenants = new TenantContext();
        var inA = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var a = Task.Run(async () =>
        {
            using (tenants.Change(Ruche))
            {
                inA.SetResult();
                await release.Task;
                return tenants.TenantId;
            }
        });
        await inA.Task;
        var b = Task.Run(() => tenants.TenantId);
        Assert.That(await b, Is.Null);
        release.SetResult();
        Assert.That(await a, Is.EqualTo(Ruche.Id));
    }

    private static (DefaultHttpContext Context, ServiceProvider Services) MiddlewareRequest(string path)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails()
            .AddSingleton<TenantContext>()
            .AddSingleton<ITenantContext>(sp => sp.GetRequiredService<TenantContext>())
            .AddSingleton<ITenantContextSetter>(sp => sp.GetRequiredService<TenantContext>())
            .BuildServiceProvider();
        var context = Request("localhost", path);
        context.RequestServices = services;
        context.Response.Body = new MemoryStream();
        return (context, services);
    }
}
