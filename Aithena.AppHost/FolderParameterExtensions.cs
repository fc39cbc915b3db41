using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aithena.AppHost;

public static class FolderParameterExtensions
{
    /// <summary>
    /// A folder the services share. Published, it is a parameter the deployment fills in. Run here, the configured
    /// value (<c>Parameters:NAME</c>, relative to the AppHost's folder) is made absolute and created, so a fresh
    /// clone starts without preparing anything: every service refuses to start on a folder that does not exist.
    /// </summary>
    public static ReferenceExpression AddFolderParameter(this IDistributedApplicationBuilder builder, string name)
    {
        var parameter = builder.AddParameter(name);
        if (builder.ExecutionContext.IsPublishMode)
        {
            return ReferenceExpression.Create($"{parameter}");
        }

        var configured = builder.Configuration[$"Parameters:{name}"]
            ?? throw new InvalidOperationException($"Set the folder parameter '{name}' (Parameters:{name}).");
        var folder = Directory.CreateDirectory(Path.GetFullPath(configured, builder.AppHostDirectory)).FullName;
        return ReferenceExpression.Create($"{folder}");
    }
}
