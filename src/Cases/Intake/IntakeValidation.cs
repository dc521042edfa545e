using System.Text.Json.Nodes;
using CaseFlow.Cases.Procedures.Forms;
using CaseFlow.ServiceDefaults.Outcomes;
using Npgsql;

namespace CaseFlow.Cases.Intake;

/// <summary>A field at fault, for a 400 problem that names it.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>A procedure of the intake with its form data, checked and typed by the procedure's declared form.</summary>
public sealed record ValidatedItem(Procedure Procedure, JsonObject FormData);

/// <summary>
/// Checks an intake completely before anything is written. The refusal names the first field at fault and carries
/// every other one (<see cref="Problem.Details"/>): the pages show each beside its field, the API lists them all.
/// </summary>
public sealed class IntakeValidation(ProcedureCatalogue catalogue, ProcedureForm forms, NpgsqlDataSource dataSource, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<CasesOptions> options)
{
    public static readonly string[] Channels = ["desk", "online", "email", "pec", "phone", "post"];

    public async Task<(Problem? Problem, IReadOnlyList<ValidatedItem> Items)> ValidateAsync(IntakeRequest intake, CancellationToken ct)
    {
        var problems = new List<Problem>();
        void Add(FieldError? error)
        {
            if (error is not null)
            {
                problems.Add(Problem.Validation(error.Field, error.Message));
            }
        }

        Add(ValidateCitizen(intake.Citizen));
        Add(ValidateChannelAndDate(intake));
        foreach (var error in intake.Company?.Check() ?? [])
        {
            Add(error);
        }

        if (intake.Items.Count == 0)
        {
            Add(new FieldError("procedures", "Indicare almeno un procedimento. / Give at least one procedure."));
        }

        var items = new List<ValidatedItem>();
        for (var i = 0; i < intake.Items.Count; i++)
        {
            var prefix = intake.Bundle ? $"procedures[{i}]." : "";
            var item = intake.Items[i];
            if (string.IsNullOrWhiteSpace(item.ProcedureId))
            {
                Add(new FieldError(prefix + "procedureId", "Il procedimento è obbligatorio. / The procedure is required."));
                continue;
            }

            var procedure = await catalogue.FindPublishedAsync(item.ProcedureId.Trim(), ct);
            if (procedure is null)
            {
                Add(new FieldError(prefix + "procedureId", $"Nessun procedimento pubblicato '{item.ProcedureId}'. / No published procedure '{item.ProcedureId}'."));
                continue;
            }

            if (item.Version is { } version && version != procedure.Version)
            {
                Add(new FieldError(prefix + "version",
                    $"La versione {version} non è quella pubblicata ({procedure.Version}). / Version {version} is not the published one ({procedure.Version})."));
                continue;
            }

            var form = forms.Check(procedure, item.FormData, prefix + "formData.");
            problems.AddRange(form.Problems);
            items.Add(new ValidatedItem(procedure, form.Values));
        }

        Add(await ValidateDocumentsAsync(intake.Documents, ct));
        return problems.Count == 0 ? (null, items) : (problems[0] with { Details = problems }, []);
    }

    private static FieldError? ValidateCitizen(CitizenInput? citizen)
    {
        if (citizen is null)
        {
            return new FieldError("citizen", "I dati del cittadino sono obbligatori. / The citizen is required.");
        }

        if (FiscalCode.Validate(citizen.FiscalCode) is { } why)
        {
            return new FieldError("citizen.fiscalCode", why);
        }

        if (string.IsNullOrWhiteSpace(citizen.FirstName))
        {
            return new FieldError("citizen.firstName", "Il nome è obbligatorio. / The first name is required.");
        }

        if (string.IsNullOrWhiteSpace(citizen.LastName))
        {
            return new FieldError("citizen.lastName", "Il cognome è obbligatorio. / The last name is required.");
        }

        if (!string.IsNullOrWhiteSpace(citizen.Email) && Notifications.Outbox.EmailAddress.Validate(citizen.Email.Trim()) is { } badEmail)
        {
            return new FieldError("citizen.email", badEmail);
        }

        return citizen.PreferredLanguage is null or "it" or "en"
            ? null
            : new FieldError("citizen.preferredLanguage", "La lingua è 'it' o 'en'. / The language is 'it' or 'en'.");
    }

    private FieldError? ValidateChannelAndDate(IntakeRequest intake)
    {
        if (intake.Channel is not null && !Channels.Contains(intake.Channel))
        {
            return new FieldError("channel", $"Il canale è uno di: {string.Join(", ", Channels)}. / The channel is one of those.");
        }

        if (intake.ReceivedAt is not { } at)
        {
            return null;
        }

        // A little slack for clocks of other machines; an application cannot arrive in the future.
        var now = clock.GetUtcNow();
        if (at > now.AddMinutes(5))
        {
            return new FieldError("receivedAt", "La data di ricezione non può essere futura. / The receipt date cannot be in the future.");
        }

        var window = options.Value.MaxReceiptBackdatingDays;
        var daysBefore = RomeTime.DateOf(now).DayNumber - RomeTime.DateOf(at).DayNumber;
        if (daysBefore > window)
        {
            return new FieldError("receivedAt",
                $"La data di ricezione non può precedere la registrazione di oltre {window} giorni. / The receipt date cannot be more than {window} days before the registration.");
        }

        return IsBackdated(intake, now) && ReasonOf(intake) is not { Length: >= 5 and <= 500 }
            ? new FieldError("receivedAtReason",
                "Una data di ricezione di un giorno precedente è una registrazione differita: indicarne il motivo (5-500 caratteri). / " +
                "A receipt date on an earlier day is a deferred registration: give the reason (5-500 characters).")
            : null;
    }

    /// <summary>Received on an earlier day (in Rome) than the one it is registered on.</summary>
    public static bool IsBackdated(IntakeRequest intake, DateTimeOffset now) =>
        intake.ReceivedAt is { } at && RomeTime.DateOf(at) < RomeTime.DateOf(now);

    public static string? ReasonOf(IntakeRequest intake) => string.IsNullOrWhiteSpace(intake.ReceivedAtReason) ? null : intake.ReceivedAtReason.Trim();

    private async Task<FieldError?> ValidateDocumentsAsync(Guid[]? documents, CancellationToken ct)
    {
        if (documents is not { Length: > 0 })
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var free = await Db.ScalarAsync<long>(connection, null,
            "SELECT count(*) FROM case_documents WHERE id = ANY(@ids) AND case_id IS NULL", ct, ("ids", documents.Distinct().ToArray()));
        return free == documents.Distinct().Count()
            ? null
            : new FieldError("documents", "Documenti sconosciuti o già allegati a un'altra pratica. / Unknown documents or attached to another case.");
    }
}
