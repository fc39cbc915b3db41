using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Aithena.AppHost.Tests;

/// <summary>Runs a class's tests by their <see cref="StepAttribute"/>.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases) where TTestCase : notnull, ITestCase =>
        testCases.OrderBy(Order).ToList();

    private static int Order<TTestCase>(TTestCase testCase) where TTestCase : notnull, ITestCase =>
        testCase is IXunitTestCase xunit ? xunit.TestMethod.Method.GetCustomAttribute<StepAttribute>()?.Order ?? 0 : 0;
}
