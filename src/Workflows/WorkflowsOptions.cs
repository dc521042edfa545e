namespace CaseFlow.Workflows;

/// <summary>Settings under <c>Workflows</c>.</summary>
public sealed class WorkflowsOptions
{
    public const string Section = "Workflows";

    /// <summary>Folder of the Elsa JSON definitions loaded at start-up. Empty: the nearest <c>workflow-definitions</c> folder above the content root.</summary>
    public string DefinitionsPath { get; set; } = "";

    /// <summary>How often the timer sweep runs (Hangfire cron; six fields include seconds).</summary>
    public string TimerSweepCron { get; set; } = "*/5 * * * * *";
}
