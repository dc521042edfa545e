using CaseFlow.Cases.Procedures.Forms;

namespace CaseFlow.Cases.Drafts;

public enum StepKind
{
    Applicant,
    Form,
    Documents,
    Summary,
}

/// <summary>One step of the online application (C.SE.1.8); a form step carries the declared fields it asks for.</summary>
public sealed record ApplicationStep(string Id, string Title, StepKind Kind, IReadOnlyList<FormField> Fields);

/// <summary>
/// The steps of a procedure's online application: who applies, the steps the form declares (in
/// <c>customProperties.caseflow.form.steps</c>), the documents the sheet asks for, then the summary before sending.
/// </summary>
public static class ApplicationSteps
{
    public const string ApplicantId = "richiedente";
    public const string DocumentsId = "documenti";
    public const string SummaryId = "riepilogo";

    private const int FieldsPerDefaultStep = 6;
    private static readonly string[] Reserved = [ApplicantId, DocumentsId, SummaryId];

    public static IReadOnlyList<ApplicationStep> Of(Procedure procedure)
    {
        var steps = new List<ApplicationStep> { new(ApplicantId, "Richiedente", StepKind.Applicant, []) };
        foreach (var (id, title, fields) in FormSteps(procedure.Form))
        {
            if (fields.Count > 0)
            {
                steps.Add(new ApplicationStep(Reserved.Contains(id) ? $"modulo-{id}" : id, title, StepKind.Form, fields));
            }
        }

        if (procedure.Sheet.RequiredDocuments.Count > 0)
        {
            steps.Add(new ApplicationStep(DocumentsId, "Documenti", StepKind.Documents, []));
        }

        steps.Add(new ApplicationStep(SummaryId, "Riepilogo", StepKind.Summary, []));
        return steps;
    }

    /// <summary>The step asking for a field of the form (a problem's <c>formData.&lt;name&gt;</c> leads back to it).</summary>
    public static ApplicationStep? StepOfField(IReadOnlyList<ApplicationStep> steps, string fieldName) =>
        steps.FirstOrDefault(s => s.Fields.Any(f => f.Name == fieldName));

    private static IEnumerable<(string Id, string Title, IReadOnlyList<FormField> Fields)> FormSteps(IntakeForm form)
    {
        // A form that declares no steps gets the synthetic "dati" step from IntakeForm: grouped here by the inputs'
        // Elsa category when they have one, otherwise a few fields a page, so no step is a wall of fields.
        if (!form.Declared || form.Steps.Count == 0)
        {
            return [];
        }

        var declared = form.Steps.Count > 1 || form.Fields.Any(f => f.Step == form.Steps[0].Id);
        if (declared)
        {
            return form.Steps.Select(s => (s.Id, s.Title, (IReadOnlyList<FormField>)form.FieldsOf(s).ToList()));
        }

        if (form.Fields.Any(f => f.Group is not null))
        {
            return form.Fields.GroupBy(f => f.Group ?? "Dati della domanda")
                .Select((g, i) => ($"dati-{i + 1}", g.Key, (IReadOnlyList<FormField>)g.ToList()));
        }

        return form.Fields.Chunk(FieldsPerDefaultStep)
            .Select((chunk, i) => ($"dati-{i + 1}", i == 0 ? "Dati della domanda" : $"Dati della domanda ({i + 1})", (IReadOnlyList<FormField>)chunk.ToList()));
    }
}
