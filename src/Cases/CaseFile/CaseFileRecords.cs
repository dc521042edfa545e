using System.Text.Json.Nodes;

namespace CaseFlow.Cases.CaseFile;

/// <summary>The citizen as recorded at intake.</summary>
public sealed record CaseCitizen(string FiscalCode, string FirstName, string LastName, string? Email, string? Phone, string? PreferredLanguage);

/// <summary>A step waiting in an office's queue.</summary>
public sealed record CurrentStep(Guid TaskId, string Office, string Title, string[] Outcomes, DateTimeOffset DueDate, string? ClaimedBy);

/// <summary>A step of a procedure, open or closed.</summary>
public sealed record ProcedureStep(Guid TaskId, string Office, string Title, string Status, string? Outcome, string? Note, DateTimeOffset CreatedAt,
    DateTimeOffset DueDate, string? ClosedBy, DateTimeOffset? ClosedAt);

/// <summary>One procedure of a case with its clock and its steps.</summary>
public sealed record CaseProcedure(Guid Id, string ProcedureId, int Version, string Name, string Agency, string Office, string Term, string ProtocolNumber,
    DateTimeOffset DueDate, string Status, string? Outcome, JsonNode? FinalAct, string? FinalActProtocol, DateTimeOffset? ClosedAt, string InstanceId,
    JsonObject? FormData, JsonArray? ClockEvents, IReadOnlyList<CurrentStep> CurrentSteps, IReadOnlyList<ProcedureStep> Steps);

public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Kind, string Text, Guid? ProcedureId);

public sealed record CaseDocument(Guid Id, string FileName, string ContentType, long Size, string Sha256, string? ProtocolNumber, DateTimeOffset UploadedAt, string? UploadedBy);

public sealed record ProtocolEntry(string Number, string Agency, DateTimeOffset RegisteredAt, string Direction, string? Correspondent, string Subject,
    string[]? DocumentHashes);

public sealed record SentMessage(DateTimeOffset At, string Template, string? Recipient, string? Text, Guid? ProcedureId);

/// <summary>The whole case file: citizen, procedures with current steps and due dates, timeline, documents, protocol entries, messages.</summary>
public sealed record CaseFileView(Guid Id, string TrackingCode, string ProtocolNumber, string Status, string Channel, DateTimeOffset ReceivedAt,
    DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? ClosedAt, CaseCitizen Citizen)
{
    public IReadOnlyList<CaseProcedure> Procedures { get; init; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    public IReadOnlyList<CaseDocument> Documents { get; init; } = [];

    public IReadOnlyList<ProtocolEntry> Protocol { get; init; } = [];

    public IReadOnlyList<SentMessage> Messages { get; init; } = [];
}
