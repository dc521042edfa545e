using System.Text.Json.Nodes;
using CaseFlow.Workflows.Expressions;

namespace CaseFlow.Tests.Workflows;

/// <summary>Liquid expressions see what Elsa 3's Liquid expressions see, and follow standard Liquid.</summary>
public class LiquidExpressionTests
{
    private static ExpressionScope Scope() => new(
        new Dictionary<string, JsonNode?> { ["pratica"] = new JsonObject { ["numero"] = 12, ["uffici"] = new JsonArray("Suap", "Asl") }, ["vuoto"] = "" },
        new JsonObject { ["importo"] = 2.5, ["nome"] = "<Maria>" },
        "instance-1",
        "definition-1",
        () => "correlation-1");

    private static string Evaluate(string source) => (string)new WorkflowExpression("Liquid", source).Evaluate(Scope())!;

    [Fact]
    public void Variables_input_and_the_workflow_identity_are_readable_under_elsas_names()
    {
        Assert.Equal("12 Suap,Asl 2 2.5", Evaluate("{{ Variables.pratica.numero }} {{ Variables.pratica.uffici | join: ',' }} {{ Variables.pratica.uffici.size }} {{ Input.importo }}"));
        Assert.Equal("instance-1 definition-1 correlation-1", Evaluate("{{ WorkflowInstanceId }} {{ WorkflowDefinitionId }} {{ CorrelationId }}"));
        Assert.Equal("instance-1 definition-1 correlation-1", Evaluate("{{ Workflow.Id }} {{ Workflow.DefinitionId }} {{ Workflow.CorrelationId }}"));
    }

    [Fact]
    public void Output_is_not_html_encoded_and_missing_names_render_empty()
    {
        Assert.Equal("<Maria> &lt;Maria&gt; []", Evaluate("{{ Input.nome }} {{ Input.nome | escape }} [{{ Variables.nessuna }}]"));
    }

    [Fact]
    public void Conditions_follow_standard_liquid_truthiness()
    {
        Assert.Equal("empty-is-true missing-is-false", Evaluate("{% if Variables.vuoto %}empty-is-true{% endif %} {% if Variables.nessuna %}x{% else %}missing-is-false{% endif %}"));
    }

    [Fact]
    public void Liquid_that_does_not_parse_is_refused_when_compiled()
    {
        var error = Assert.Throws<ExpressionException>(() => new WorkflowExpression("Liquid", "{% for x in %}").Compile());
        Assert.Contains("Liquid does not compile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runaway_loop_fails_instead_of_holding_the_worker()
    {
        var error = Assert.Throws<ExpressionException>(() => Evaluate("{% for i in (1..10000000) %}x{% endfor %}"));
        Assert.Contains("Liquid failed", error.Message, StringComparison.Ordinal);
    }
}
