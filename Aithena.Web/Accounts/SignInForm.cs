using System.ComponentModel.DataAnnotations;

namespace Aithena.Web.Accounts;

/// <summary>What the sign-in page's form posts.</summary>
public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your user name.")]
    public string? UserName { get; set; }

    [Required(ErrorMessage = "Enter your password.")]
    public string? Password { get; set; }
}
