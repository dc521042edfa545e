using CaseFlow.Workflows.Activities;

namespace CaseFlow.Cases.Messages;

/// <summary>The NotifyCitizen <c>template</c> drop-down in the Studio: the citizen templates CaseFlow ships.</summary>
internal sealed class TemplateOptions : IInputOptionsSource
{
    private static readonly SelectOption[] Templates =
    [
        new("Avanzamento della pratica", "step-advanced"),
        new("Richiesta di documenti", "documents-requested"),
        new("Termine sospeso", "clock-suspended"),
        new("Termine ripreso", "clock-resumed"),
        new("Preavviso di rigetto (art. 10-bis)", "refusal-notice"),
        new("Provvedimento finale", "final-act"),
    ];

    public string Name => "templates";

    public IReadOnlyList<SelectOption> Options() => Templates;
}
