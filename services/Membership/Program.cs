using Operators.Membership;
using Operators.ServiceDefaults;
using Operators.ServiceDefaults.Bus;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMembership();
builder.AddServiceBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapMembership();
app.Run();
