using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Cases.Drafts;

/// <summary>
/// Once only (C.SE.1.5): the answers a new online application starts from. The identity gives the contacts and the
/// company; the citizen's earlier applications give every field of the same name (the latest value wins).
/// </summary>
public sealed class OnceOnly(NpgsqlDataSource dataSource)
{
    private const int EarlierApplications = 20;
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public async Task<JsonObject> FirstAnswersAsync(OnlineApplicant who, Procedure procedure, CancellationToken ct)
    {
        var applicant = new JsonObject
        {
            ["as"] = "self",
            ["email"] = who.Email ?? "",
            ["phone"] = who.Phone ?? "",
            ["vatNumber"] = who.CompanyVat ?? "",
            ["companyName"] = who.CompanyName ?? "",
            ["role"] = who.CompanyVat is null ? "" : Applicants.ApplicantCompany.LegalRepresentative,
        };
        var form = new JsonObject();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var earlier = await Db.JsonRowsAsync(connection, null, $"""
            SELECT json_build_object('form', p.form_data)::text FROM case_procedures p JOIN cases c ON c.id = p.case_id
             WHERE c.fiscal_code = @fiscal AND c.erased_at IS NULL ORDER BY c.received_at DESC, p.id DESC LIMIT {EarlierApplications}
            """, ct, ("fiscal", Intake.FiscalCode.Normalise(who.FiscalCode)));
        foreach (var field in procedure.Form.Fields)
        {
            var value = earlier.Select(e => e["form"]?[field.Name]).FirstOrDefault(v => v is not null);
            if (AsText(value) is { } text)
            {
                form[field.Name] = text;
            }
        }

        return new JsonObject { ["applicant"] = applicant, ["form"] = form };
    }

    /// <summary>A typed form value as the page posts it: Italian decimals, yes/no as the checkbox's value.</summary>
    private static string? AsText(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.GetValue<decimal>().ToString("0.##", Italian),
            JsonValueKind.True => "true",
            _ => null,
        }
        : null;
}
