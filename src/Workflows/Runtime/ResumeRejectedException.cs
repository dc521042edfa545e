namespace CaseFlow.Workflows.Runtime;

/// <summary>The resume input is not acceptable (an outcome the task does not offer): nothing is changed.</summary>
public sealed class ResumeRejectedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
