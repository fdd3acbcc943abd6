using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Operators.Billing;
using Operators.Booking;
using Operators.Gateway;
using Operators.Membership;
using Operators.ServiceDefaults;
using Operators.ServiceDefaults.Bus;
using Operators.Standalone;

var builder = WebApplication.CreateBuilder(args);
var dataPath = StandaloneConfiguration.Apply(builder, args);
builder.AddServiceDefaults();
builder.AddGateway(); // first: its space registry is the tenant store of the whole process
builder.AddBooking();
builder.AddMembership();
builder.AddBilling();
builder.AddServiceBus();

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
});
app.Run();
