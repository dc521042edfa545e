using System.Text.Json.Nodes;
using CaseFlow.Cases.Drafts;
using CaseFlow.Cases.Procedures;
using CaseFlow.Cases.Procedures.Forms;

namespace CaseFlow.Tests.Citizens;

public sealed class ApplicationStepsTests
{
    private static Procedure ProcedureOf(JsonObject document, params string[] documents) =>
        new("prova", 1, "v1", "Prova", null, new ProcedureSheet("Prova", null, null, "comune", "ufficio", null, "P30D", false, documents, null, []),
            IntakeForm.Of(document));

    private static JsonObject Inputs(int count, Func<int, string?>? category = null) => new()
    {
        ["inputs"] = new JsonArray([.. Enumerable.Range(1, count).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = $"campo{i}", ["type"] = "String", ["displayName"] = $"Campo {i}", ["category"] = category?.Invoke(i),
        })]),
    };

    [Fact]
    public void The_declared_steps_come_between_the_applicant_and_the_documents_then_the_summary()
    {
        var document = Inputs(3);
        document["customProperties"] = JsonNode.Parse("""
            {"caseflow": {"form": {"steps": [{"id": "uno", "title": "Primo"}, {"id": "riepilogo", "title": "Secondo"}],
             "fields": {"campo1": {"step": "uno"}, "campo2": {"step": "riepilogo"}, "campo3": {"step": "riepilogo"}}}}}
            """);

        var steps = ApplicationSteps.Of(ProcedureOf(document, "Documento d'identità"));

        Assert.Equal(["richiedente", "uno", "modulo-riepilogo", "documenti", "riepilogo"], steps.Select(s => s.Id));
        Assert.Equal(["campo2", "campo3"], steps[2].Fields.Select(f => f.Name));
    }

    [Fact]
    public void Without_declared_steps_the_fields_are_grouped_by_their_category_or_six_a_step_and_no_documents_step_without_documents()
    {
        var byCategory = ApplicationSteps.Of(ProcedureOf(Inputs(4, i => i <= 2 ? "Dati personali" : "Richiesta")));
        Assert.Equal(["Richiedente", "Dati personali", "Richiesta", "Riepilogo"], byCategory.Select(s => s.Title));

        var bySix = ApplicationSteps.Of(ProcedureOf(Inputs(8)));
        Assert.Equal([6, 2], bySix.Where(s => s.Kind == StepKind.Form).Select(s => s.Fields.Count));
        Assert.DoesNotContain(bySix, s => s.Kind == StepKind.Documents);
    }
}
