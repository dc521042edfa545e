namespace CaseFlow.Workflows.Definitions;

/// <summary>A save that would change what is not the saver's to change: another definition's version, or a version instances run on.</summary>
public sealed class DefinitionConflictException(string field, string message) : Exception(message)
{
    /// <summary>The field at fault, as the request spells it (<c>model.id</c>, say).</summary>
    public string Field { get; } = field;
}
