using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aithena.ServiceDefaults;

/// <summary>The activity source and meter Aithena's own code reports through (MassTransit has its own, named "MassTransit").</summary>
public static class AithenaTelemetry
{
    public const string Name = "Aithena";
    public const string MassTransitName = "MassTransit";

    public static readonly ActivitySource ActivitySource = new(Name);
    public static readonly Meter Meter = new(Name);
}
