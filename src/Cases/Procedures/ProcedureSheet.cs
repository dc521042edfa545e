using System.Text.Json;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;

namespace CaseFlow.Cases.Procedures;

/// <summary>
/// The procedure's information sheet (scheda procedimento, art. 35 d.lgs. 33/2013), kept in the definition's
/// <c>customProperties.caseflow.sheet</c> so it is versioned with the workflow and Elsa carries it untouched.
/// </summary>
/// <param name="MultipleSuspensions">A sector law allows more than the one suspension of art. 2 c.7 L. 241/1990.</param>
/// <param name="DelayIndemnity">
/// Art. 28 D.L. 69/2013 applies (procedures on application about starting or running a business): the notice of start
/// tells the citizen of the indemnity for delay and how to claim it.
/// </param>
/// <param name="Category">The service's category on the public pages (C.SI.1.3), e.g. "Anagrafe e stato civile".</param>
/// <param name="Audience">Who the service is for ("A chi è rivolto").</param>
/// <param name="HowTo">How to apply, in plain Italian ("Come fare").</param>
/// <param name="Outcome">What the applicant gets ("Cosa si ottiene").</param>
/// <param name="Conditions">The conditions of service ("Condizioni di servizio").</param>
/// <param name="Topics">The topics the service is filed under ("Argomenti").</param>
public sealed record ProcedureSheet(
    string Title,
    string? Summary,
    string? LegalBasis,
    string Agency,
    string Office,
    string? ResponsibleOfficer,
    string Term,
    bool SilenceAssent,
    IReadOnlyList<string> RequiredDocuments,
    string? Costs,
    IReadOnlyList<string> Channels,
    bool MultipleSuspensions = false,
    bool DelayIndemnity = false,
    string? Category = null,
    string? Audience = null,
    string? HowTo = null,
    string? Outcome = null,
    string? Conditions = null,
    IReadOnlyList<string>? Topics = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ProcedureSheet? Of(WorkflowDefinition definition)
    {
        if (definition.Document["customProperties"]?["caseflow"]?["sheet"] is not JsonObject sheet)
        {
            return null;
        }

        var parsed = sheet.Deserialize<ProcedureSheet>(Json);
        return parsed is null || string.IsNullOrWhiteSpace(parsed.Agency) || string.IsNullOrWhiteSpace(parsed.Office) ? null : parsed with
        {
            Title = string.IsNullOrWhiteSpace(parsed.Title) ? definition.Name : parsed.Title,
            Term = string.IsNullOrWhiteSpace(parsed.Term) ? "P30D" : parsed.Term,
            RequiredDocuments = parsed.RequiredDocuments ?? [],
            Channels = parsed.Channels ?? [],
            Topics = parsed.Topics ?? [],
        };
    }
}

/// <summary>A published procedure with its sheet and its declared intake form, as the catalogue shows it.</summary>
public sealed record Procedure(string Id, int Version, string VersionId, string Name, string? Description, ProcedureSheet Sheet, Forms.IntakeForm Form);
