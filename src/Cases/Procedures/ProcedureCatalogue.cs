using CaseFlow.Cases.Procedures.Forms;
using CaseFlow.Workflows.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using CaseFlow.ServiceDefaults.Http;

namespace CaseFlow.Cases.Procedures;

/// <summary>The published procedures that carry a sheet: what the desk can start.</summary>
public sealed class ProcedureCatalogue(DefinitionStore definitions)
{
    public async Task<IReadOnlyList<Procedure>> ListAsync(CancellationToken ct) =>
        [.. (await definitions.ListAsync(VersionOptions.Published, null, null, null, ct)).Select(ToProcedure).OfType<Procedure>()];

    /// <summary>The published version of a procedure; null when none is published or it has no sheet.</summary>
    public async Task<Procedure?> FindPublishedAsync(string id, CancellationToken ct)
    {
        var definition = await definitions.FindAsync(id, VersionOptions.Published, ct);
        return definition is null ? null : ToProcedure(definition);
    }

    public static Procedure? ToProcedure(WorkflowDefinition definition) =>
        ProcedureSheet.Of(definition) is { } sheet
            ? new Procedure(definition.DefinitionId, definition.Version, definition.Id, definition.Name, definition.Description, sheet, IntakeForm.Of(definition))
            : null;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/procedures").RequireAuthorization().WithTags("Procedimenti");
        group.MapGet("/", async (ProcedureCatalogue catalogue, CancellationToken ct) => Results.Ok(await catalogue.ListAsync(ct)));
        group.MapGet("/{id}", async (string id, ProcedureCatalogue catalogue, CancellationToken ct) =>
            await catalogue.FindPublishedAsync(id, ct) is { } procedure
                ? Results.Ok(procedure)
                : Problems.NotFound("id", $"Nessun procedimento pubblicato '{id}'. / No published procedure '{id}'."));
    }
}
