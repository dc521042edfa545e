namespace CaseFlow.Workflows.Activities;

/// <summary>
/// The items of a drop-down input whose descriptor names an <see cref="InputDescriptor.OptionsSource"/>, supplied by the
/// module that owns them (the desk's offices, its citizen templates): the engine shows them without knowing what they are.
/// </summary>
public interface IInputOptionsSource
{
    /// <summary>The name an input descriptor refers to, e.g. <c>offices</c>.</summary>
    string Name { get; }

    IReadOnlyList<SelectOption> Options();
}
