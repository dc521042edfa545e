namespace CaseFlow.Workflows.Activities;

/// <summary>How the designer shows an activity and what the runtime accepts for it (Elsa's descriptor, trimmed to what CaseFlow uses).</summary>
public sealed record ActivityDescriptor(
    string TypeName,
    string Category,
    string DisplayName,
    string Description,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> Ports,
    string Kind = "Action",
    bool IsTerminal = false,
    bool IsStart = false,
    bool HasDynamicPorts = false,
    IReadOnlyList<string>? EmbeddedPorts = null,
    bool IsBrowsable = true)
{
    /// <summary>Elsa's namespace: the type name up to its last dot (<c>Elsa</c>, <c>CaseFlow</c>).</summary>
    public string Namespace => TypeName[..TypeName.LastIndexOf('.')];

    /// <summary>Elsa's short name: the type name after its last dot.</summary>
    public string Name => TypeName[(TypeName.LastIndexOf('.') + 1)..];
}

/// <summary>An activity input: its JSON property name (camelCase, as Elsa stores it), type and designer editor.</summary>
public sealed record InputDescriptor(
    string Name,
    string TypeName,
    string DisplayName,
    string Description,
    string UiHint = UiHints.SingleLine,
    object? DefaultValue = null,
    string DefaultSyntax = "Literal",
    bool IsWrapped = true,
    IReadOnlyList<SelectOption>? Options = null,
    string? OptionsSource = null,
    bool IsRequired = false);

/// <summary>One entry of a drop-down.</summary>
public sealed record SelectOption(string Text, string Value);

/// <summary>The editors Elsa Studio knows by name.</summary>
public static class UiHints
{
    public const string SingleLine = "singleline";
    public const string MultiLine = "multiline";
    public const string DropDown = "dropdown";
    public const string Checkbox = "checkbox";
    public const string Code = "code-editor";
    public const string DynamicOutcomes = "dynamic-outcomes";
    public const string FlowSwitchEditor = "flow-switch-editor";
    public const string VariablePicker = "variable-picker";
    public const string DateTimePicker = "datetime-picker";
    public const string OutcomePicker = "outcome-picker";
    public const string OutputPicker = "output-picker";
}
