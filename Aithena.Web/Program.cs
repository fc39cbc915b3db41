using Aithena.Web.Accounts;
using Aithena.Web.Components;
using Aithena.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAithenaWeb();

var app = builder.Build();

// The request pipeline, in this order:
app.UseForwardedHeadersFromKnownProxies();                     // only configured proxies may say who the client is
app.UseMiddleware<SecurityHeaders>();                          // CSP (scripts from here only), nosniff, referrer policy
app.UseExceptionHandler("/error", createScopeForErrors: true); // a friendly page, never a stack trace
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseAuthentication();                                       // the session cookie → the signed-in user
app.UseAuthorization();                                        // pages and the PDF by role; anonymous → sign in
app.UseAntiforgery();                                          // every form

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapAccountEndpoints();                                     // sign-out
app.MapDocumentFiles();                                        // the PDF, through this app, as the signed-in user
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
