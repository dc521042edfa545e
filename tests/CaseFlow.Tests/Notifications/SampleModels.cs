using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Notifications;

/// <summary>A realistic model for each template, as the case layer will build them.</summary>
public static class SampleModels
{
    public const string ProtocolNumber = "2026/0012345";
    public const string TrackingUrl = "https://sportello.example.it/pratiche/7f3c2a";

    public static readonly IReadOnlyList<string> CitizenTemplates =
    [
        "case-received", "step-advanced", "documents-requested", "clock-suspended", "clock-resumed",
        "refusal-notice", "final-act", "case-overdue", "silence-assent",
    ];

    public static readonly IReadOnlyList<string> OfficeTemplates = ["office-reminder", "office-escalation"];

    public static JsonObject For(string template)
    {
        var model = Common();
        foreach (var (key, value) in Specific(template))
        {
            model[key] = value?.DeepClone();
        }

        return model;
    }

    private static JsonObject Common() => new()
    {
        ["citizen_name"] = "Maria Rossi",
        ["protocol_number"] = ProtocolNumber,
        ["application_date"] = "2026-11-23",
        ["tracking_url"] = TrackingUrl,
        ["tracking_page_url"] = TrackingUrl,
        ["desk_name"] = "Sportello polifunzionale del Comune di Limbiate",
        ["procedures"] = new JsonArray(
            Procedure("Contributo per l'affitto", "Comune di Limbiate", "Ufficio Servizi sociali – Comune di Limbiate", "dott.ssa Anna Bianchi", "2026-12-23", true),
            Procedure("Invalidità civile", "INPS", "INPS – Sede di Monza", "dott. Luca Verdi", "2027-02-21", false)),
    };

    private static JsonObject Procedure(string name, string agency, string office, string officer, string due, bool silenceAssent) => new()
    {
        ["name"] = name,
        ["office"] = office,
        ["officer"] = officer,
        ["due_date"] = due,
        ["silence_assent"] = silenceAssent,
        ["agency"] = agency,
        ["substitute_authority"] = "Il Segretario generale del Comune di Limbiate",
        ["substitute_authority_to"] = "al Segretario generale del Comune di Limbiate",
        ["term_text"] = new JsonObject { ["it"] = "30 giorni", ["en"] = "30 days" },
        ["substitute_term_text"] = new JsonObject { ["it"] = "15 giorni", ["en"] = "15 days" },
        ["delay_indemnity"] = !silenceAssent,
        ["indemnity_claim_by"] = "2027-03-13",
        ["office_email"] = "ufficio@comune.example.it",
    };

    private static JsonObject Specific(string template) => template switch
    {
        "step-advanced" => new() { ["step_name"] = "Istruttoria dell'ufficio tecnico", ["next_step"] = "Parere dell'ASL" },
        "documents-requested" => new()
        {
            ["missing_documents"] = new JsonArray("ISEE in corso di validità", "Copia del contratto di locazione registrato"),
            ["reply_by"] = "2026-12-10",
            ["how_to_send"] = "Può caricarli dalla pagina della pratica o consegnarli allo sportello.",
            ["upload_url"] = "https://sportello.example.it/pratiche/7f3c2a/documenti",
            ["suspended_on"] = "2026-11-30",
            ["clock_effect"] = "suspension",
        },
        "clock-suspended" => new() { ["reason"] = "Attesa dei documenti richiesti", ["suspended_on"] = "2026-11-30", ["max_days"] = 30 },
        "clock-resumed" => new() { ["resumed_on"] = "2026-12-08", ["new_due_date"] = "2027-01-01" },
        "refusal-notice" => new()
        {
            ["reasons"] = new JsonArray("Il reddito ISEE supera la soglia prevista dal bando.", "Il contratto di locazione non risulta registrato."),
            ["reply_by"] = "2026-12-05",
            ["reply_url"] = "https://sportello.example.it/pratiche/7f3c2a/osservazioni",
            ["how_to_reply"] = "Allo sportello polifunzionale o via PEC.",
            ["notice_protocol_number"] = "2026/0001234",
        },
        "final-act" => new()
        {
            ["outcome"] = "accepted",
            ["outcome_text"] = "Il contributo è stato concesso per l'importo di 1.200 euro.",
            ["act_protocol_number"] = "2026/0023456",
            ["act_date"] = "2026-12-20",
            ["act_url"] = "https://sportello.example.it/pratiche/7f3c2a/atti/2026-0023456",
            ["survey_url"] = "https://sportello.example.it/soddisfazione/7f3c2a",
        },
        "case-overdue" => new() { ["new_expected_date"] = "2027-01-15", ["reason"] = "Il parere dell'ASL non è ancora arrivato." },
        "silence-assent" => new()
        {
            ["assent_date"] = "2026-12-24",
            ["attestation_protocol_number"] = "2026/0023457",
            ["attestation_url"] = "https://sportello.example.it/pratiche/7f3c2a/attestazione",
        },
        "office-reminder" => new()
        {
            ["office_name"] = "Ufficio Servizi sociali",
            ["days_left"] = 5,
            ["case_url"] = "https://caseflow.example.it/casi/7f3c2a",
        },
        "office-escalation" => new()
        {
            ["office_name"] = "Ufficio Servizi sociali",
            ["supervisor_name"] = "dott. Paolo Neri",
            ["days_overdue"] = 3,
            ["case_url"] = "https://caseflow.example.it/casi/7f3c2a",
        },
        _ => new(),
    };
}
