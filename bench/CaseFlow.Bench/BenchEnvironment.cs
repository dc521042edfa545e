using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CaseFlow.Bench;

/// <summary>What the modules ask of a host when the bench composes them without one.</summary>
internal sealed class BenchEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Bench";

    public string ApplicationName { get; set; } = "CaseFlow.Bench";

    public string ContentRootPath { get; set; } = Path.Combine(Path.GetTempPath(), $"caseflow-bench-content-{Environment.ProcessId}");

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
