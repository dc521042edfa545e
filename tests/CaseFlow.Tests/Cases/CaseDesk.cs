using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Tests.Infrastructure;
using Npgsql;

namespace CaseFlow.Tests.Cases;

/// <summary>The desk's people as API clients (one key per role and office), and the steps tests take through the HTTP API.</summary>
public sealed class CaseDesk(CaseFlowApp app)
{
    public const string ValidFiscalCode = "RSSMRA80A01F205X";
    private readonly ConcurrentDictionary<string, Task<HttpClient>> clients = new();

    public Task<HttpClient> FrontDesk => Client("frontdesk");

    public Task<HttpClient> Supervisor => Client("supervisor");

    public Task<HttpClient> Designer => Client("designer");

    public Task<HttpClient> Officer(params string[] offices) => Client("officer", offices);

    public Task<HttpClient> Client(string role, params string[] offices) => clients.GetOrAdd($"{role}|{string.Join(",", offices)}", async _ =>
    {
        var response = await app.CreateAdminClient().PostAsJsonAsync("/api/admin/api-keys", new { name = $"{role} {string.Join(",", offices)}", roles = new[] { role }, offices });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return app.CreateClient((await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>());
    });

    public static JsonObject Citizen(string fiscalCode = ValidFiscalCode) => new()
    {
        ["fiscalCode"] = fiscalCode, ["firstName"] = "Mario", ["lastName"] = "Rossi", ["email"] = "mario.rossi@example.it",
        ["phone"] = "+39 333 1234567", ["preferredLanguage"] = "it",
    };

    /// <summary>An application with a valid form: the procedure's <see cref="SampleForm"/> with <paramref name="formData"/> over it.</summary>
    public static JsonObject Application(string procedureId, JsonObject? formData = null, string fiscalCode = ValidFiscalCode) => new()
    {
        ["citizen"] = Citizen(fiscalCode), ["procedureId"] = procedureId, ["channel"] = "desk", ["formData"] = SampleForm(procedureId, formData),
    };

    /// <summary>
    /// A form the shipped procedure's declared rules accept (procedures made by tests declare none), with
    /// <paramref name="overrides"/> replacing its values.
    /// </summary>
    public static JsonObject SampleForm(string procedureId, JsonObject? overrides = null)
    {
        var form = procedureId switch
        {
            "assegno-maternita" => new JsonObject
            {
                ["nomeMinore"] = "Giulia Rossi", ["dataEvento"] = "2020-03-14", ["tipoEvento"] = "nascita", ["cittadinanza"] = "italiana",
                ["iseeEuro"] = 12500, ["altraIndennita"] = false, ["iban"] = "IT60X0542811101000000123456",
            },
            "contributo-anziani" => new JsonObject
            {
                ["iseeEuro"] = 9800, ["componentiNucleo"] = 1, ["viveSolo"] = true, ["motivoRichiesta"] = "Spese per le utenze domestiche.",
                ["iban"] = "IT60X0542811101000000123456",
            },
            "mensa-scolastica" => new JsonObject
            {
                ["nomeAlunno"] = "Luca Rossi", ["scuola"] = "primaria-don-milani", ["classe"] = "3B", ["dieta"] = "nessuna", ["richiestaRiduzione"] = false,
            },
            "cambio-residenza" => new JsonObject
            {
                ["indirizzo"] = "Via Garibaldi 12", ["dataDecorrenza"] = "2020-05-04", ["provenienza"] = "altro-comune", ["comuneProvenienza"] = "Monza",
                ["componentiTrasferiti"] = 1,
            },
            "contrassegno-disabili" => new JsonObject
            {
                ["tipoRichiesta"] = "rilascio", ["tipoInvalidita"] = "permanente", ["dataCertificato"] = "2020-02-10", ["targa"] = "AB123CD",
            },
            "invalidita-civile" => new JsonObject
            {
                ["tipoAccertamento"] = "entrambi", ["numeroCertificato"] = "CI0012345678", ["dataCertificato"] = "2020-01-20", ["visitaDomiciliare"] = false,
            },
            _ => new JsonObject(),
        };
        foreach (var (name, value) in overrides ?? [])
        {
            form[name] = value?.DeepClone();
        }

        return form;
    }

    public async Task<JsonObject> StartAsync(JsonObject application)
    {
        var response = await (await FrontDesk).PostAsJsonAsync("/api/cases", application);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<JsonObject> CaseAsync(string caseId)
    {
        var response = await (await Supervisor).GetAsync($"/api/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The one open step of the case (asserts there is exactly one).</summary>
    public async Task<JsonObject> CurrentStepAsync(string caseId)
    {
        var steps = (await CaseAsync(caseId))["procedures"]!.AsArray().SelectMany(p => p!["currentSteps"]!.AsArray()).ToList();
        return Assert.Single(steps)!.AsObject();
    }

    /// <summary>Completes the current step as an officer of its office, after checking it is the expected office.</summary>
    public async Task CompleteCurrentAsync(string caseId, string expectedOffice, string outcome)
    {
        var step = await CurrentStepAsync(caseId);
        Assert.Equal(expectedOffice, step["office"]!.GetValue<string>());
        var officer = await Officer(expectedOffice);
        var queue = await officer.GetFromJsonAsync<JsonArray>($"/api/offices/{expectedOffice}/tasks");
        Assert.Contains(queue!, t => t!["taskId"]!.GetValue<string>() == step["taskId"]!.GetValue<string>());
        var response = await officer.PostAsJsonAsync($"/api/tasks/{step["taskId"]}/complete", new { outcome, note = "Verificato." });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }
}

/// <summary>A fresh database and host per test class, with the desk's clients.</summary>
public class CasesFixture : AppFixture
{
    private CaseDesk? desk;

    public CaseDesk Desk => desk ??= new CaseDesk(App);
}
