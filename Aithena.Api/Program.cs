using Aithena.Api.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAithenaApi();

var app = builder.Build();

// The request pipeline, in this order:
app.UseExceptionHandler();                  // an unhandled exception becomes a 500 problem+json, never a stack trace
app.UseStatusCodePages();                   // a bare 404/405 gets a problem+json body too
app.UseMiddleware<CrossSiteRequestGuard>(); // a browser's cross-site POST is refused, whatever the credentials
app.UseAuthentication();                    // Bearer: a personal token or a web token → the user, with their current role
app.UseRateLimiter();                       // after authentication, so uploads count per user, else per address
app.UseAuthorization();                     // the endpoint's role policy; refuses (401/403) before any body is read

app.MapDefaultEndpoints();
app.MapAithenaApi();

app.Run();
