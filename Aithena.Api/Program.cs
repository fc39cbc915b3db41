var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAithenaApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAithenaApi();

app.Run();
