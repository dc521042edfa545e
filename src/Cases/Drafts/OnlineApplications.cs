using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.Cases.Applicants;
using CaseFlow.Cases.Procedures.Forms;
using CaseFlow.ServiceDefaults.Outcomes;
using Npgsql;

namespace CaseFlow.Cases.Drafts;

/// <summary>
/// The online application as steps: each step's answers are checked by the desk's own rules (the declared form, the
/// company, the contacts), and sending hands the draft to <see cref="CaseIntake"/> (channel <c>online</c>, keyed by the
/// draft) which deletes the draft in the intake's transaction. The fields a problem names are those of the API
/// (<c>citizen.email</c>, <c>company.vatNumber</c>, <c>formData.&lt;name&gt;</c>).
/// </summary>
public sealed class OnlineApplications(ApplicationDrafts drafts, ProcedureForm forms, CaseDocuments documents, CaseIntake intake, NpgsqlDataSource dataSource)
{
    public const string ForCompany = "company";

    /// <summary>Every problem of one step's answers (the summary: of all the steps).</summary>
    public IReadOnlyList<FieldError> Check(Procedure procedure, ApplicationStep step, JsonObject answers)
    {
        var steps = ApplicationSteps.Of(procedure);
        if (step.Kind == StepKind.Summary)
        {
            return [.. steps.Where(s => s.Kind != StepKind.Summary).SelectMany(s => Check(procedure, s, answers))];
        }

        if (step.Kind == StepKind.Applicant)
        {
            var errors = new List<FieldError>();
            var email = Text(answers, "applicant", "email");
            if (email is not null && Notifications.Outbox.EmailAddress.Validate(email) is { } bad)
            {
                errors.Add(new FieldError("citizen.email", bad));
            }

            if (CompanyOf(answers) is { } company)
            {
                errors.AddRange(company.Check());
            }

            return errors;
        }

        if (step.Kind != StepKind.Form)
        {
            return [];
        }

        var names = step.Fields.Select(f => "formData." + f.Name).ToHashSet();
        return [.. forms.Check(procedure, FormData(answers)).Problems.Where(p => names.Contains(p.Field)).Select(p => new FieldError(p.Field, p.Message))];
    }

    /// <summary>The company of the answers, when the citizen applies "per un'impresa".</summary>
    public static ApplicantCompany? CompanyOf(JsonObject answers) =>
        Text(answers, "applicant", "as") == ForCompany
            ? new ApplicantCompany(Text(answers, "applicant", "vatNumber"), Text(answers, "applicant", "companyName"), Text(answers, "applicant", "role"))
            : null;

    /// <summary>
    /// Sends the owner's draft: its files become case documents (each registered in the protocol as incoming), then the
    /// intake starts the case and deletes the draft in the same transaction. A second send of the same draft (a double
    /// click) waits for the first and finds no draft.
    /// </summary>
    public async Task<Outcome<StartedCase>> SendAsync(OnlineApplicant who, Procedure procedure, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var lockKey = $"draft:{who.FiscalCode}:{procedure.Id}";
        await Db.ExecAsync(connection, null, "SELECT pg_advisory_lock(hashtext(@k))", ct, ("k", lockKey));
        try
        {
            if (await drafts.FindAsync(who.FiscalCode, procedure.Id, ct) is not { } draft)
            {
                return Problem.NotFound("draft", "La domanda non è più in bozza: è già stata inviata o è scaduta. / The draft was already sent or expired.");
            }

            var summary = ApplicationSteps.Of(procedure).Single(s => s.Kind == StepKind.Summary);
            if (Check(procedure, summary, draft.Answers) is { Count: > 0 } errors)
            {
                var problems = errors.Select(e => Problem.Validation(e.Field, e.Message)).ToList();
                return problems[0] with { Details = problems };
            }

            var documentIds = new List<Guid>();
            foreach (var file in draft.Files)
            {
                if (file.DocumentId is { } registered)
                {
                    documentIds.Add(registered);
                    continue;
                }

                var stored = await documents.UploadAsync(new DocumentUpload(file.FileName, await drafts.ContentAsync(file.Id, ct),
                    $"{who.DisplayName} ({who.FiscalCode})"), user, ct);
                if (!stored.Succeeded)
                {
                    return stored.Problem;
                }

                // Recorded at once: a retry after a failed intake sends the same documents, not new copies.
                await drafts.MarkRegisteredAsync(file.Id, stored.Value.Id, ct);
                documentIds.Add(stored.Value.Id);
            }

            var request = new IntakeRequest(
                new CitizenInput(who.FiscalCode, who.GivenName, who.FamilyName, Text(draft.Answers, "applicant", "email"), Text(draft.Answers, "applicant", "phone"), "it"),
                [new BundleItem(procedure.Id, procedure.Version, FormData(draft.Answers))], "online", null, documentIds.Count == 0 ? null : [.. documentIds], Bundle: false)
            {
                Company = CompanyOf(draft.Answers),
            };
            return await intake.StartAsync(new IntakeCommand(request, who.DisplayName, $"online-draft-{draft.Id}") { DraftId = draft.Id }, ct);
        }
        finally
        {
            await Db.ExecAsync(connection, null, "SELECT pg_advisory_unlock(hashtext(@k))", CancellationToken.None, ("k", lockKey));
        }
    }

    /// <summary>The declared fields that were filled in, as text (the rules type them).</summary>
    public static JsonObject FormData(JsonObject answers)
    {
        var data = new JsonObject();
        foreach (var (name, value) in answers["form"] as JsonObject ?? [])
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Trim().Length > 0)
            {
                data[name] = text.Trim();
            }
        }

        return data;
    }

    public static string? Text(JsonObject answers, string section, string name) =>
        answers[section]?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : null;
}
