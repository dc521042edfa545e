using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Outcomes;

namespace CaseFlow.Cases.Procedures.Forms;

/// <summary>
/// The desk's use of a procedure's declared intake form: read it to render it (front desk, online desk), check what was
/// filled in. Intake applies the same <see cref="FormRules"/>, so a page and the API never disagree on a form.
/// </summary>
public sealed class ProcedureForm(ProcedureCatalogue catalogue, TimeProvider clock)
{
    /// <summary>The published procedure with its form; a 404 problem naming <c>procedureId</c> when none is published.</summary>
    public async Task<Outcome<Procedure>> ReadAsync(string procedureId, CancellationToken ct) =>
        await catalogue.FindPublishedAsync(procedureId.Trim(), ct) is { } procedure
            ? procedure
            : Problem.NotFound("procedureId", $"Nessun procedimento pubblicato '{procedureId}'. / No published procedure '{procedureId}'.");

    /// <summary>Every problem of the form at once (for a page), with field names under <paramref name="prefix"/>.</summary>
    public FormCheck Check(Procedure procedure, JsonObject? data, string prefix = "formData.") =>
        FormRules.Check(procedure.Form, data, prefix, RomeTime.DateOf(clock.GetUtcNow()));

    /// <summary>The typed values, or a validation problem naming the first field at fault and carrying the others.</summary>
    public Outcome<JsonObject> Validate(Procedure procedure, JsonObject? data, string prefix = "formData.")
    {
        var check = Check(procedure, data, prefix);
        return check.Valid ? check.Values : check.Problems[0] with { Details = check.Problems };
    }
}
