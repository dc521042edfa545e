namespace CaseFlow.Workflows.Definitions;

/// <summary>One problem in a definition: where (a JSON path, and the activity when there is one) and what.</summary>
public sealed record DefinitionError(string Path, string? ActivityId, string Message)
{
    public override string ToString() => ActivityId is null ? $"{Path}: {Message}" : $"{Path} (activity '{ActivityId}'): {Message}";
}

/// <summary>A definition that cannot be stored or run. <see cref="Origin"/> names the file or the request.</summary>
public sealed class DefinitionValidationException(string source, IReadOnlyList<DefinitionError> errors)
    : Exception($"{source}: {string.Join("; ", errors)}")
{
    public string Origin { get; } = source;

    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
