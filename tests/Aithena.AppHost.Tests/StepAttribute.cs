namespace Aithena.AppHost.Tests;

/// <summary>The order of a test in a class that shares one running app, for the one test that must run last (it stops the app).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
