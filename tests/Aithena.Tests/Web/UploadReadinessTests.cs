using Aithena.Web.Api;
using Aithena.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Web;

/// <summary>The upload page's file input is inert until it works: a file chosen before would be dropped without a word.</summary>
public sealed class UploadReadinessTests : IDisposable
{
    private const string InputFileInit = "Blazor._internal.InputFile.init";
    private readonly BunitContext _context = new();

    public UploadReadinessTests()
    {
        _context.Services.AddSingleton(new AithenaApiClient(new HttpClient(new AnsweringHandler(_ => new HttpResponseMessage())) { BaseAddress = new Uri("http://api.invalid/") }));
        _context.Services.AddSingleton(Options.Create(new Aithena.Web.Upload.UploadOptions()));
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Prerendered_the_input_is_disabled_and_says_the_page_is_getting_ready()
    {
        _context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var page = _context.Render<Upload>();

        Assert.True(page.Find("input[type=file]").HasAttribute("disabled"));
        Assert.Contains("Getting the page ready", page.Find("[role=status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Interactive_the_input_is_enabled_only_after_its_script_was_told_to_watch_it()
    {
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        ProbeInputFile.EnabledWhenWired = null;
        _context.ComponentFactories.Add<InputFile>(() => new ProbeInputFile());

        var page = _context.Render<Upload>();

        page.WaitForAssertion(() => Assert.False(page.Find("input[type=file]").HasAttribute("disabled")));
        Assert.Contains(_context.JSInterop.Invocations, i => i.Identifier == InputFileInit);
        Assert.False(ProbeInputFile.EnabledWhenWired);
        Assert.Empty(page.FindAll("[role=status]"));
    }
}
