using Microsoft.AspNetCore.Components.Forms;

namespace Aithena.Tests.Web;

/// <summary>
/// The real <see cref="InputFile"/>, noting whether it was rendered disabled when its first after-render call wires
/// the input to its script: before that call, a file chosen in the browser goes nowhere.
/// </summary>
internal sealed class ProbeInputFile : InputFile
{
    public static bool? EnabledWhenWired { get; set; }

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            EnabledWhenWired ??= AdditionalAttributes?.TryGetValue("disabled", out var disabled) != true || disabled is not true;
        }

        return base.OnAfterRenderAsync(firstRender);
    }
}
