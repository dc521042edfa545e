using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Cases.Intake;

/// <summary>The citizen as the front desk records them.</summary>
public sealed record CitizenInput(string? FiscalCode, string? FirstName, string? LastName, string? Email, string? Phone, string? PreferredLanguage);

/// <summary><c>POST /api/cases</c>: one procedure for one citizen.</summary>
/// <param name="Version">Optional: the version the desk saw in the catalogue; refused unless it is the published one.</param>
/// <param name="Documents">Ids of documents uploaded with <c>POST /api/documents</c>, attached to the case.</param>
/// <param name="ReceivedAt">When the application arrived; a day before today is a deferred registration and needs <see cref="ReceivedAtReason"/>.</param>
public sealed record StartCaseRequest(
    CitizenInput? Citizen, string? ProcedureId, int? Version, string? Channel, DateTimeOffset? ReceivedAt, JsonObject? FormData, Guid[]? Documents)
{
    /// <summary>Why an application received on an earlier day is registered only now (kept with the case).</summary>
    public string? ReceivedAtReason { get; init; }

    /// <summary>The company the citizen applies for, if any (partita IVA checked, name, role).</summary>
    public Applicants.ApplicantCompany? Company { get; init; }
}

/// <summary>One procedure of a bundle, with its own form.</summary>
public sealed record BundleItem(string? ProcedureId, int? Version, JsonObject? FormData);

/// <summary><c>POST /api/bundles</c>: several procedures for one citizen in one intake (one tracking code, one timeline).</summary>
public sealed record StartBundleRequest(CitizenInput? Citizen, BundleItem[]? Procedures, string? Channel, DateTimeOffset? ReceivedAt, Guid[]? Documents)
{
    /// <inheritdoc cref="StartCaseRequest.ReceivedAtReason"/>
    public string? ReceivedAtReason { get; init; }

    /// <inheritdoc cref="StartCaseRequest.Company"/>
    public Applicants.ApplicantCompany? Company { get; init; }
}

public sealed record StartedProcedure(Guid Id, string ProcedureId, string Name, string ProtocolNumber, DateTimeOffset DueDate, string Status);

public sealed record StartedCase(Guid CaseId, string ProtocolNumber, string TrackingCode, string Status, DateTimeOffset DueDate, IReadOnlyList<StartedProcedure> Procedures);

/// <summary>What both intake endpoints, the desk's form and the online desk have in common.</summary>
public sealed record IntakeRequest(CitizenInput? Citizen, IReadOnlyList<BundleItem> Items, string? Channel, DateTimeOffset? ReceivedAt, Guid[]? Documents, bool Bundle)
{
    /// <inheritdoc cref="StartCaseRequest.ReceivedAtReason"/>
    public string? ReceivedAtReason { get; init; }

    /// <inheritdoc cref="StartCaseRequest.Company"/>
    public Applicants.ApplicantCompany? Company { get; init; }
}

/// <summary>An intake by someone (the operator, the citizen online), optionally under an idempotency key.</summary>
public sealed record IntakeCommand(IntakeRequest Request, string Actor, string? IdempotencyKey = null)
{
    /// <summary>The online draft this intake sends: deleted in the intake's own transaction.</summary>
    public Guid? DraftId { get; init; }
}

/// <summary>The HTTP edge of <see cref="CaseIntake"/>: <c>POST /api/cases</c> and <c>POST /api/bundles</c>.</summary>
public static class StartCase
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases", (StartCaseRequest request, HttpContext http, CaseIntake intake, CancellationToken ct) =>
                StartAsync(intake, http, new IntakeRequest(request.Citizen, [new BundleItem(request.ProcedureId, request.Version, request.FormData)],
                    request.Channel, request.ReceivedAt, request.Documents, Bundle: false) { ReceivedAtReason = request.ReceivedAtReason, Company = request.Company }, ct))
            .RequireAuthorization(Roles.FrontDesk).WithTags("Pratiche")
            .WithSummary("Avvia un procedimento per un cittadino (Idempotency-Key supportato).");

        app.MapPost("/api/bundles", (StartBundleRequest request, HttpContext http, CaseIntake intake, CancellationToken ct) =>
                StartAsync(intake, http, new IntakeRequest(request.Citizen, request.Procedures ?? [], request.Channel, request.ReceivedAt, request.Documents, Bundle: true) { ReceivedAtReason = request.ReceivedAtReason, Company = request.Company }, ct))
            .RequireAuthorization(Roles.FrontDesk).WithTags("Pratiche")
            .WithSummary("Avvia più procedimenti per un cittadino in un'unica accettazione.");
    }

    private static async Task<IResult> StartAsync(CaseIntake intake, HttpContext http, IntakeRequest request, CancellationToken ct) =>
        (await intake.StartAsync(new IntakeCommand(request, CaseActor.NameOf(http.User), http.Request.Headers[IdempotencyHeader]), ct))
            .ToHttp(started => Results.Created($"/api/cases/{started.CaseId}", started));
}
