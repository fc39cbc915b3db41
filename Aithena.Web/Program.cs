using Aithena.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAithenaWeb();

var app = builder.Build();

// The request pipeline, in this order:
app.UseExceptionHandler("/error", createScopeForErrors: true); // a friendly page, never a stack trace
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseAntiforgery();                                          // the Library's retry form

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapDocumentFiles();                                        // the PDF, through this app: the Api key stays here
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
