var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAithenaApi();

var app = builder.Build();

// The request pipeline, in this order:
app.UseExceptionHandler();  // an unhandled exception becomes a 500 problem+json, never a stack trace
app.UseStatusCodePages();   // a bare 404/405 gets a problem+json body too
app.UseAuthentication();    // X-Api-Key → the key holder, or anonymous
app.UseRateLimiter();       // after authentication, so uploads count per key holder, else per address
app.UseAuthorization();     // refuses (401) before any endpoint reads a request body

app.MapDefaultEndpoints();
app.MapAithenaApi();

app.Run();
