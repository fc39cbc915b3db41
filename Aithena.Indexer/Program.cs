var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIndexer();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
