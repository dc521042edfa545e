namespace CaseFlow.DevIdentity;

/// <summary>Settings under <c>DevIdentity</c>: the development OpenID Connect provider at <c>/dev-identity</c>.</summary>
public sealed class DevIdentityOptions
{
    public const string Section = "DevIdentity";

    /// <summary>The path the provider is mounted at; its issuer is the host's address followed by it.</summary>
    public const string PathBase = "/dev-identity";

    /// <summary>Runs the provider. On in Development (appsettings.Development.json), off otherwise.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// A provider where anyone may sign in as anyone is refused outside Development; the browser tests, which run a
    /// Production host, allow it explicitly.
    /// </summary>
    public bool AllowOutsideDevelopment { get; set; }

    /// <summary>The one client the provider knows: the host's own citizen sign-in.</summary>
    public string ClientId { get; set; } = "caseflow-citizens";

    public string ClientSecret { get; set; } = "caseflow-dev-identity-secret";

    /// <summary>The client's redirect path; the redirect URI must be on the provider's own origin with this path.</summary>
    public string CallbackPath { get; set; } = "/accedi/callback";

    /// <summary>The sign-in page's stylesheet: the host's Bootstrap Italia.</summary>
    public string Stylesheet { get; set; } = "/assets/bootstrap-italia/css/bootstrap-italia.min.css";

    /// <summary>The people one may sign in as. Empty: <see cref="DemoPeople.Default"/>.</summary>
    public List<DemoPerson> People { get; set; } = [];

    public IReadOnlyList<DemoPerson> PeopleOrDefault => People.Count > 0 ? People : DemoPeople.Default;
}

/// <summary>
/// A demo identity with SPID-like attributes. <see cref="CompanyName"/> and <see cref="VatNumber"/> make it a business's
/// legal representative (SPID for professional use of a legal person).
/// </summary>
public sealed class DemoPerson
{
    public string Id { get; set; } = "";

    /// <summary>As SPID gives it: <c>TINIT-</c> followed by the codice fiscale.</summary>
    public string FiscalNumber { get; set; } = "";

    public string Name { get; set; } = "";

    public string FamilyName { get; set; } = "";

    public string? Email { get; set; }

    public string? MobilePhone { get; set; }

    public string? Address { get; set; }

    public string? DateOfBirth { get; set; }

    public string? CompanyName { get; set; }

    /// <summary>As SPID gives it: <c>VATIT-</c> followed by the partita IVA.</summary>
    public string? VatNumber { get; set; }
}

public static class DemoPeople
{
    public static IReadOnlyList<DemoPerson> Default { get; } =
    [
        new() { Id = "mario", FiscalNumber = "TINIT-RSSMRA80A01F205X", Name = "Mario", FamilyName = "Rossi", Email = "mario.rossi@example.it",
            MobilePhone = "+393331234567", Address = "Via Monte Grappa 12, 20812 Limbiate (MB)", DateOfBirth = "1980-01-01" },
        new() { Id = "luigi", FiscalNumber = "TINIT-VRDLGU70M15L219L", Name = "Luigi", FamilyName = "Verdi", Email = "luigi.verdi@example.it",
            MobilePhone = "+393471112233", Address = "Corso Milano 3, 20812 Limbiate (MB)", DateOfBirth = "1970-08-15" },
        new() { Id = "giuseppe-impresa", FiscalNumber = "TINIT-BNCGPP75C12H501R", Name = "Giuseppe", FamilyName = "Bianchi",
            Email = "amministrazione@bianchicostruzioni.example.it", MobilePhone = "+393385556677", Address = "Via Dante 45, 20812 Limbiate (MB)",
            DateOfBirth = "1975-03-12", CompanyName = "Bianchi Costruzioni S.r.l.", VatNumber = "VATIT-01234567897" },
    ];
}
