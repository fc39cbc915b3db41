var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOcr();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
