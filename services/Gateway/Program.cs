using Operators.Gateway;
using Operators.ServiceDefaults;
using Operators.ServiceDefaults.Bus;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();
builder.AddServiceBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapGateway();
app.Run();
