namespace CaseFlow.Workflows.Runtime;

/// <summary>How much one step may do before it must wait (see <see cref="WorkflowsOptions.MaxActivitiesPerStep"/>).</summary>
public sealed record StepBudget(int MaxActivities, TimeSpan MaxDuration)
{
    public static readonly StepBudget Default = new(5000, TimeSpan.FromSeconds(30));

    public StepBudgetExceededException? ExceededBy(int activities, TimeSpan elapsed) =>
        activities > MaxActivities
            ? new StepBudgetExceededException($"The step ran more than {MaxActivities} activities without waiting (a loop without a wait?); the instance is stopped here.")
            : elapsed > MaxDuration
                ? new StepBudgetExceededException($"The step ran longer than {MaxDuration.TotalSeconds:0} s without waiting; the instance is stopped here.")
                : null;
}

/// <summary>A step went over its budget: the instance faults with an incident, the host carries on.</summary>
public sealed class StepBudgetExceededException(string message) : Exception(message);
