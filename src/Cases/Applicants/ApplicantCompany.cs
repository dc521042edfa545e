using System.Text.Json.Nodes;

namespace CaseFlow.Cases.Applicants;

/// <summary>
/// The company a person applies for (the desk's "per l'impresa"): its partita IVA and name, and the person's role. The
/// applicant of the case stays the person (their codice fiscale from SPID/CIE or the desk); the case records the company.
/// </summary>
/// <param name="Role"><c>legale-rappresentante</c> or <c>delegato</c>.</param>
public sealed record ApplicantCompany(string? VatNumber, string? Name, string? Role)
{
    public const string LegalRepresentative = "legale-rappresentante";
    public const string Delegate = "delegato";

    public static IReadOnlyList<(string Value, string Label)> Roles { get; } =
        [(LegalRepresentative, "Legale rappresentante"), (Delegate, "Delegato")];

    /// <summary>Every field at fault, named under <paramref name="prefix"/> (<c>company.vatNumber</c>, …).</summary>
    public IReadOnlyList<FieldError> Check(string prefix = "company.")
    {
        var errors = new List<FieldError>();
        if (PartitaIva.Validate(VatNumber) is { } vat)
        {
            errors.Add(new FieldError(prefix + "vatNumber", vat));
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new FieldError(prefix + "name", "La denominazione dell'impresa è obbligatoria. / The company name is required."));
        }
        else if (Name.Trim().Length > 200)
        {
            errors.Add(new FieldError(prefix + "name", "La denominazione è lunga al più 200 caratteri. / The company name is at most 200 characters."));
        }

        if (Roles.All(r => r.Value != Role))
        {
            errors.Add(new FieldError(prefix + "role",
                "Indicare il ruolo: legale rappresentante o delegato. / Give the role: 'legale-rappresentante' or 'delegato'."));
        }

        return errors;
    }

    public JsonObject ToJson() => new()
    {
        ["vatNumber"] = PartitaIva.Normalise(VatNumber!),
        ["name"] = Name!.Trim(),
        ["role"] = Role,
    };
}
