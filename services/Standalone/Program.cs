using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Operators.Billing;
using Operators.Booking;
using Operators.Gateway;
using Operators.Gateway.Spaces;
using Operators.Membership;
using Operators.ServiceDefaults;
using Operators.ServiceDefaults.Bus;
using Operators.Standalone;
using Operators.Standalone.Demo;
using Operators.Tenancy.Resolution;

var demo = StandaloneConfiguration.WantsDemo(args);
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--demo").ToArray());
var dataPath = StandaloneConfiguration.Apply(builder, args);
builder.AddServiceDefaults();
builder.AddGateway();
builder.AddBooking();
builder.AddMembership();
builder.AddBilling();
// Every module offers a tenant store; one process has one registry of spaces: the gateway's.
builder.Services.UseTenantStore<GatewayTenantStore>();
builder.AddServiceBus();
if (demo)
{
    builder.Services.AddHostedService<DemoSeeder>();
}

var app = builder.Build();
app.UseServiceDefaults();
app.MapGateway();
app.MapBooking();
app.MapMembership();
app.MapBilling();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    Console.WriteLine($"Operators (standalone) is running at {string.Join(", ", addresses)}");
    Console.WriteLine($"Data folder: {dataPath}");
    Console.WriteLine($"Network admin: {app.Configuration["Bootstrap:AdminEmail"]} (password in {Path.Combine(dataPath, "secrets.json")})");
    if (demo)
    {
        Console.WriteLine($"Demo space: {addresses.FirstOrDefault()}/s/{DemoSeeder.Slug}/ — accounts admin@, owner@, operator@, treasurer@, member@demo.test, password: {app.Configuration["Demo:Password"]}");
    }
});
app.Run();
