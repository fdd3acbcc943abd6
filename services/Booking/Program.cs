using Operators.Booking;
using Operators.ServiceDefaults;
using Operators.ServiceDefaults.Bus;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBooking();
builder.AddServiceBus();

var app = builder.Build();
app.UseServiceDefaults();
app.MapBooking();
app.Run();
