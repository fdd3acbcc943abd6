using Operators.Billing;
using Operators.ServiceDefaults;
using Operators.ServiceDefaults.Bus;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBilling();
builder.AddServiceBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapBilling();
app.Run();
