using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.Cases.Intake;
using CaseFlow.ServiceDefaults.Access;

namespace CaseFlow.Tests.Supervision;

/// <summary>People as the desk's services see them, and intakes built in C# as the web pages build them.</summary>
public static class ServicePeople
{
    public static ClaimsPrincipal Person(string name, string role, params string[] offices) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), .. offices.Select(o => new Claim(CaseFlowClaims.Office, o))], "test"));

    public static ClaimsPrincipal Supervisor => Person("elena", Roles.Supervisor);

    public static ClaimsPrincipal Officer(string office, string name = "officer") => Person(name, Roles.Officer, office);

    /// <summary>A form each shipped procedure accepts, whether or not it declares its fields' rules.</summary>
    public static JsonObject Form(string procedureId) => procedureId switch
    {
        "cambio-residenza" => new JsonObject
        {
            ["indirizzo"] = "Via Garibaldi 12", ["dataDecorrenza"] = "2020-05-04", ["provenienza"] = "altro-comune", ["comuneProvenienza"] = "Monza",
            ["componentiTrasferiti"] = 1,
        },
        "mensa-scolastica" => new JsonObject
        {
            ["nomeAlunno"] = "Luca Rossi", ["scuola"] = "primaria-don-milani", ["classe"] = "3B", ["dieta"] = "nessuna", ["richiestaRiduzione"] = false,
        },
        "contrassegno-disabili" => new JsonObject
        {
            ["tipoRichiesta"] = "rilascio", ["tipoInvalidita"] = "permanente", ["dataCertificato"] = "2020-02-10", ["targa"] = "AB123CD",
        },
        _ => new JsonObject(),
    };

    public static IntakeCommand Intake(string fiscalCode, Guid[]? documents, params string[] procedures) => new(new IntakeRequest(
        new CitizenInput(fiscalCode, "Mario", "Rossi", "mario.rossi@example.it", "+39 333 1234567", "it"),
        [.. procedures.Select(p => new BundleItem(p, null, Form(p)))], "desk", null, documents, Bundle: procedures.Length > 1), "sportello");
}
