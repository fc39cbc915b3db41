var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddLister();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
