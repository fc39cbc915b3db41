using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aithena.AppHost.Restarts;

public static class WorkerRestartExtensions
{
    /// <summary>The setting a restarted worker reads to say so in its status (its <c>/health/detail</c> "process" check).</summary>
    public const string RestartsVariable = "Aithena__RestartCount"; // Aithena:RestartCount, read by ServiceDefaults' ProcessHealthCheck

    /// <summary>
    /// In run mode, the worker's processes are restarted when they die (<see cref="WorkerRestarter"/>). Published, the
    /// manifest has no restart policy for projects: the deployment's own (a Kubernetes Deployment restarts its pods,
    /// compose needs <c>restart: on-failure</c>, systemd <c>Restart=on-failure</c>) does it, see docs/OPERATIONS.md.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRestartOnCrash(this IResourceBuilder<ProjectResource> worker)
    {
        var builder = worker.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return worker;
        }

        builder.Services.TryAddSingleton<WorkerRestartLedger>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (!builder.Services.Any(s => s.ImplementationType == typeof(WorkerRestarter)))
        {
            builder.Services.AddOptions<WorkerRestartOptions>()
                .Bind(builder.Configuration.GetSection(WorkerRestartOptions.SectionName))
                .Validate(o => o.MaxRestarts >= 0 && o.Window > TimeSpan.Zero && o.FirstDelay > TimeSpan.Zero && o.MaxDelay >= o.FirstDelay,
                    "Aithena:Restarts needs MaxRestarts >= 0, a positive Window and FirstDelay, and MaxDelay >= FirstDelay.")
                .ValidateOnStart();
            builder.Services.AddHostedService<WorkerRestarter>();
        }

        var name = worker.Resource.Name;
        builder.Services.Configure<WorkerRestartOptions>(o => o.Workers.Add(name));
        // Evaluated at every start of a replica (a start re-runs the resource's lifecycle), so a restarted one gets its count.
        return worker.WithEnvironment(context =>
        {
            var ledger = context.ExecutionContext.Services.GetRequiredService<WorkerRestartLedger>();
            context.EnvironmentVariables[RestartsVariable] = ledger.Count(name).ToString(CultureInfo.InvariantCulture);
        });
    }
}
