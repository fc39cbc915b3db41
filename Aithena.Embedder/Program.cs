var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEmbedder();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
