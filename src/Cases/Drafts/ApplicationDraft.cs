using System.Text.Json.Nodes;

namespace CaseFlow.Cases.Drafts;

/// <summary>A file kept with a draft; <see cref="DocumentId"/> once it was registered as a case document on sending.</summary>
public sealed record DraftFile(Guid Id, string FileName, string ContentType, long Size, string Sha256, Guid? DocumentId, DateTimeOffset AddedAt);

/// <summary>
/// An online application not sent yet. <see cref="Answers"/> holds what was posted, as text: <c>applicant</c> (contacts
/// and, for a business, the company) and <c>form</c> (the procedure's declared fields).
/// </summary>
public sealed record ApplicationDraft(Guid Id, string Owner, string ProcedureId, JsonObject Answers, string Step, DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt, IReadOnlyList<DraftFile> Files)
{
    public JsonObject Applicant => Answers["applicant"] as JsonObject ?? [];

    public JsonObject Form => Answers["form"] as JsonObject ?? [];

    public string? Text(string section, string name) =>
        Answers[section]?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}

/// <summary>A draft as the personal area lists it.</summary>
public sealed record DraftSummary(Guid Id, string ProcedureId, string Step, DateTimeOffset UpdatedAt, DateTimeOffset ExpiresAt);
