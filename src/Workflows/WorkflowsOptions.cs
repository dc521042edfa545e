namespace CaseFlow.Workflows;

/// <summary>Settings under <c>Workflows</c>.</summary>
public sealed class WorkflowsOptions
{
    public const string Section = "Workflows";

    /// <summary>Folder of the Elsa JSON definitions loaded at start-up. Empty: the nearest <c>workflow-definitions</c> folder above the content root.</summary>
    public string DefinitionsPath { get; set; } = "";

    /// <summary>How often the timer sweep runs (Hangfire cron; six fields include seconds).</summary>
    public string TimerSweepCron { get; set; } = "*/5 * * * * *";

    /// <summary>
    /// Activities one step may execute before it waits again: a loop without a wait would otherwise run forever with
    /// its instance locked. Beyond it the instance faults with an incident (retry runs a fresh budget).
    /// </summary>
    public int MaxActivitiesPerStep { get; set; } = 5000;

    /// <summary>Wall time one step may take before the instance faults with an incident.</summary>
    public TimeSpan MaxStepDuration { get; set; } = TimeSpan.FromSeconds(30);
}
