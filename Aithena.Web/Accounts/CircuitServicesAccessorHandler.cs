using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Aithena.Web.Accounts;

/// <summary>Makes the circuit's services visible to <see cref="CircuitServicesAccessor"/> while each of its events runs.</summary>
public sealed class CircuitServicesAccessorHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}
