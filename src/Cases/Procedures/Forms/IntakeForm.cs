using System.Text.Json;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;

namespace CaseFlow.Cases.Procedures.Forms;

/// <summary>How a field is filled in and what value it keeps in the form data.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<FieldKind>))]
public enum FieldKind
{
    Text,
    MultilineText,
    Integer,
    Decimal,
    Boolean,
    Date,
    Choice,
}

public sealed record FieldOption(string Value, string Label);

/// <summary>
/// What a person reads of a field in English: <c>customProperties.caseflow.form.fields.&lt;name&gt;.en</c>. The Elsa
/// input keeps its Italian display name (the Studio's Input tab edits it); anything missing here stays Italian.
/// </summary>
/// <param name="Options">Option value → its English label.</param>
public sealed record FieldEnglish(string? Label, string? Description, string? Help, string? Placeholder, string? PatternMessage,
    IReadOnlyDictionary<string, string> Options);

/// <summary>A step of a multi-step form (the online desk's stepper; the front desk shows the steps as sections).</summary>
public sealed record FormStep(string Id, string Title, string? Description, string? EnglishTitle = null, string? EnglishDescription = null)
{
    /// <summary>The step as a page in the person's language shows it.</summary>
    public FormStep Localized(bool english) =>
        english ? this with { Title = EnglishTitle ?? Title, Description = EnglishDescription ?? Description } : this;
}

/// <summary>
/// One declared field: <see cref="Name"/>, <see cref="Label"/>, <see cref="Description"/>, <see cref="Group"/> and
/// <see cref="UiHint"/> come from the Elsa workflow input (what the Studio's Input tab edits); the rules Elsa has no
/// place for come from <c>customProperties.caseflow.form.fields.&lt;name&gt;</c>.
/// </summary>
/// <param name="RequiredWhen">The name of a yes/no field: this one is required when that one is checked.</param>
/// <param name="Min">Numbers: the lowest value; dates: the earliest date (ISO) or <c>today</c>.</param>
/// <param name="Max">Numbers: the highest value; dates: the latest date (ISO) or <c>today</c>.</param>
public sealed record FormField(
    string Name,
    FieldKind Kind,
    string ElsaType,
    string Label,
    string? Description,
    string UiHint,
    string? Group,
    string? Step,
    bool Required,
    string? RequiredWhen,
    IReadOnlyList<FieldOption> Options,
    string? Pattern,
    string? PatternMessage,
    string? Min,
    string? Max,
    int? MaxLength,
    string? Help,
    string? Placeholder,
    FieldEnglish? English = null)
{
    /// <summary>The label the English half of a message names (the Italian one when none is declared).</summary>
    public string EnglishLabel => English?.Label ?? Label;

    /// <summary>
    /// The field as a page in the person's language shows it: labels, help, placeholder and options in English where the
    /// definition declares them. The rules (and the values posted) are the same in both languages.
    /// </summary>
    public FormField Localized(bool english) => !english || English is not { } en ? this : this with
    {
        Label = en.Label ?? Label,
        Description = en.Description ?? Description,
        Help = en.Help ?? Help,
        Placeholder = en.Placeholder ?? Placeholder,
        PatternMessage = en.PatternMessage ?? PatternMessage,
        Options = [.. Options.Select(o => en.Options.TryGetValue(o.Value, out var label) ? o with { Label = label } : o)],
    };
}

/// <summary>
/// The intake form a procedure declares: the definition's Elsa <c>inputs</c> (so a stock Elsa 3 server and the Studio
/// load and edit them) plus <c>customProperties.caseflow.form</c> (steps and rules). A definition without inputs
/// declares no form: its form data is passed to the workflow unchecked, as before forms existed.
/// </summary>
public sealed record IntakeForm(IReadOnlyList<FormStep> Steps, IReadOnlyList<FormField> Fields)
{
    public static readonly IntakeForm None = new([], []);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Declared => Fields.Count > 0;

    public FormField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The form as a page in the person's language shows it (same fields, same steps, same rules).</summary>
    public IntakeForm Localized(bool english) =>
        english ? new IntakeForm([.. Steps.Select(s => s.Localized(true))], [.. Fields.Select(f => f.Localized(true))]) : this;

    /// <summary>The fields of a step, in declaration order; fields of no (or an unknown) step belong to the first.</summary>
    public IEnumerable<FormField> FieldsOf(FormStep step) =>
        Fields.Where(f => f.Step == step.Id || (step == Steps[0] && (f.Step is null || Steps.All(s => s.Id != f.Step))));

    public static IntakeForm Of(WorkflowDefinition definition) => Of(definition.Document);

    public static IntakeForm Of(JsonObject document)
    {
        if (document["inputs"] is not JsonArray inputs || inputs.Count == 0)
        {
            return None;
        }

        var form = document["customProperties"]?["caseflow"]?["form"] as JsonObject;
        var rules = form?["fields"] as JsonObject;
        var fields = new List<FormField>();
        foreach (var input in inputs.OfType<JsonObject>())
        {
            var name = Text(input, "name");
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var rule = rules?[name]?.Deserialize<FieldRule>(Json) ?? new FieldRule();
            var type = Text(input, "type") ?? "String";
            var uiHint = Text(input, "uiHint") ?? "singleline";
            fields.Add(new FormField(name, KindOf(type, uiHint, rule.Options), type, Text(input, "displayName") ?? name, Text(input, "description"),
                uiHint, NullIfEmpty(Text(input, "category")), rule.Step, rule.Required, rule.RequiredWhen,
                [.. (rule.Options ?? []).Where(o => !string.IsNullOrWhiteSpace(o.Value)).Select(o => new FieldOption(o.Value!, o.Label ?? o.Value!))],
                rule.Pattern, rule.PatternMessage, rule.Min?.ToString(), rule.Max?.ToString(), rule.MaxLength, rule.Help, rule.Placeholder, EnglishOf(rule.En)));
        }

        var steps = (form?["steps"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(s => new FormStep(Text(s, "id") ?? "", Text(s, "title") ?? Text(s, "id") ?? "", Text(s, "description"),
                s["en"] is JsonObject en ? Text(en, "title") : null, s["en"] is JsonObject english ? Text(english, "description") : null))
            .Where(s => s.Id.Length > 0).ToList();
        return new IntakeForm(steps.Count > 0 ? steps : [new FormStep("dati", "Dati della domanda", null)], fields);
    }

    private static FieldKind KindOf(string type, string uiHint, FieldRuleOption[]? options) => type switch
    {
        "Boolean" => FieldKind.Boolean,
        "Int16" or "Int32" or "Int64" => FieldKind.Integer,
        "Decimal" or "Double" or "Single" => FieldKind.Decimal,
        "DateTime" or "DateTimeOffset" or "DateOnly" => FieldKind.Date,
        _ when options is { Length: > 0 } || uiHint is "dropdown" or "radiolist" => FieldKind.Choice,
        _ when uiHint == "multiline" => FieldKind.MultilineText,
        _ => FieldKind.Text,
    };

    private static FieldEnglish? EnglishOf(FieldRuleEnglish? en) => en is null ? null : new FieldEnglish(
        NullIfEmpty(en.Label), NullIfEmpty(en.Description), NullIfEmpty(en.Help), NullIfEmpty(en.Placeholder), NullIfEmpty(en.PatternMessage),
        (en.Options ?? []).Where(o => !string.IsNullOrWhiteSpace(o.Value)).ToDictionary(o => o.Key, o => o.Value!, StringComparer.Ordinal));

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private sealed record FieldRule
    {
        public bool Required { get; init; }
        public string? RequiredWhen { get; init; }
        public string? Step { get; init; }
        public FieldRuleOption[]? Options { get; init; }
        public string? Pattern { get; init; }
        public string? PatternMessage { get; init; }
        public JsonNode? Min { get; init; }
        public JsonNode? Max { get; init; }
        public int? MaxLength { get; init; }
        public string? Help { get; init; }
        public string? Placeholder { get; init; }
        public FieldRuleEnglish? En { get; init; }
    }

    private sealed record FieldRuleEnglish
    {
        public string? Label { get; init; }
        public string? Description { get; init; }
        public string? Help { get; init; }
        public string? Placeholder { get; init; }
        public string? PatternMessage { get; init; }
        public Dictionary<string, string?>? Options { get; init; }
    }

    private sealed record FieldRuleOption(string? Value, string? Label);
}
