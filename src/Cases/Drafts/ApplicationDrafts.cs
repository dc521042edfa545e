using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaseFlow.Cases.Drafts;

/// <summary>
/// Drafts of online applications in PostgreSQL (C.SE.1.6), one per citizen and procedure. Every read and write names
/// the owner (the signed-in fiscal code), so nobody reaches another person's draft; an expired draft is no longer found.
/// </summary>
public sealed class ApplicationDrafts(NpgsqlDataSource dataSource, IOptions<CitizensOptions> options, IOptions<CasesOptions> cases, TimeProvider clock)
{
    public async Task<ApplicationDraft?> FindAsync(string owner, string procedureId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await FindAsync(connection, owner, procedureId, ct);
    }

    public async Task<IReadOnlyList<DraftSummary>> ListAsync(string owner, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await Db.JsonRowsAsync(connection, null, """
                SELECT json_build_object('id', id, 'procedure', procedure_id, 'step', step, 'updated', updated_at, 'expires', expires_at)::text
                FROM application_drafts WHERE owner = @owner AND expires_at > @now ORDER BY updated_at DESC
                """, ct, ("owner", owner), ("now", clock.GetUtcNow())))
            .Select(d => new DraftSummary(Guid.Parse(d["id"]!.GetValue<string>()), d["procedure"]!.GetValue<string>(), d["step"]!.GetValue<string>(),
                Instant(d["updated"]), Instant(d["expires"])))
            .ToList();
    }

    /// <summary>Saves the answers and the step reached, creating the draft on its first save; each save moves the expiry on.</summary>
    public async Task<ApplicationDraft> SaveAsync(string owner, string procedureId, JsonObject answers, string step, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // An expired draft the sweep has not reached yet is not revived with its old files.
        await Db.ExecAsync(connection, transaction, "DELETE FROM application_drafts WHERE owner = @owner AND procedure_id = @procedure AND expires_at <= @now", ct,
            ("owner", owner), ("procedure", procedureId), ("now", now));
        await Db.ExecAsync(connection, transaction, """
            INSERT INTO application_drafts (id, owner, procedure_id, answers, step, created_at, updated_at, expires_at)
            VALUES (@id, @owner, @procedure, @answers, @step, @now, @now, @expires)
            ON CONFLICT (owner, procedure_id) DO UPDATE SET answers = excluded.answers, step = excluded.step, updated_at = excluded.updated_at,
                expires_at = excluded.expires_at
            """, ct, ("id", Guid.CreateVersion7()), ("owner", owner), ("procedure", procedureId), ("answers", answers), ("step", step), ("now", now),
            ("expires", now.AddDays(options.Value.DraftLifetimeDays)));
        await transaction.CommitAsync(ct);
        return (await FindAsync(connection, owner, procedureId, ct))!;
    }

    /// <summary>Deletes the owner's draft (and its files); false when there is none of theirs with this id.</summary>
    public async Task<bool> DeleteAsync(string owner, Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await Db.ExecAsync(connection, null, "DELETE FROM application_drafts WHERE id = @id AND owner = @owner", ct, ("id", id), ("owner", owner)) == 1;
    }

    /// <summary>Keeps a file with the draft, checked by content (the allow-list of the desk) and size.</summary>
    public async Task<Outcome<DraftFile>> AddFileAsync(string owner, Guid draftId, string fileName, byte[] content, CancellationToken ct)
    {
        var name = Path.GetFileName(fileName ?? "");
        if (content.Length == 0 || name.Length == 0)
        {
            return Problem.Validation("file", "Il file è vuoto o senza nome. / The file is empty or has no name.") with { Type = "vuoto" };
        }

        var max = cases.Value.MaxDocumentBytes;
        if (content.Length > max)
        {
            return Problem.Validation("file", $"«{name}» è troppo grande: al massimo {max / (1024 * 1024)} MB. / «{name}» is too large.") with { Type = "dimensione" };
        }

        if (DocumentFormats.Recognise(name, content.AsSpan(0, Math.Min(content.Length, 16))) is not { } contentType)
        {
            return Problem.Validation("file", $"«{name}»: formato non ammesso; sono accettati {DocumentFormats.Allowed}. / «{name}»: format not allowed.") with { Type = "formato" };
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var held = await Db.ScalarAsync<long?>(connection, null, """
            SELECT (SELECT count(*) FROM application_draft_files f WHERE f.draft_id = d.id) FROM application_drafts d WHERE d.id = @id AND d.owner = @owner
            """, ct, ("id", draftId), ("owner", owner));
        if (held is null)
        {
            return Problem.NotFound("draft", "Nessuna bozza con questo id. / No such draft.");
        }

        if (held >= options.Value.MaxDraftFiles)
        {
            return Problem.Validation("file", $"Al massimo {options.Value.MaxDraftFiles} documenti per domanda. / At most {options.Value.MaxDraftFiles} files.") with { Type = "troppi" };
        }

        var file = new DraftFile(Guid.CreateVersion7(), name, contentType, content.Length, Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), null,
            clock.GetUtcNow());
        await Db.ExecAsync(connection, null, """
            INSERT INTO application_draft_files (id, draft_id, file_name, content_type, size, sha256, content, added_at)
            VALUES (@id, @draft, @name, @type, @size, @sha, @content, @at)
            """, ct, ("id", file.Id), ("draft", draftId), ("name", name), ("type", contentType), ("size", file.Size), ("sha", file.Sha256), ("content", content),
            ("at", file.AddedAt));
        return file;
    }

    public async Task<bool> RemoveFileAsync(string owner, Guid draftId, Guid fileId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await Db.ExecAsync(connection, null, """
            DELETE FROM application_draft_files f USING application_drafts d
             WHERE f.id = @file AND f.draft_id = d.id AND d.id = @draft AND d.owner = @owner AND f.document_id IS NULL
            """, ct, ("file", fileId), ("draft", draftId), ("owner", owner)) == 1;
    }

    internal async Task<byte[]> ContentAsync(Guid fileId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await Db.ScalarAsync<byte[]>(connection, null, "SELECT content FROM application_draft_files WHERE id = @id", ct, ("id", fileId)))!;
    }

    internal async Task MarkRegisteredAsync(Guid fileId, Guid documentId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await Db.ExecAsync(connection, null, "UPDATE application_draft_files SET document_id = @document WHERE id = @id", ct, ("id", fileId), ("document", documentId));
    }

    private async Task<ApplicationDraft?> FindAsync(NpgsqlConnection connection, string owner, string procedureId, CancellationToken ct)
    {
        var rows = await Db.JsonRowsAsync(connection, null, """
            SELECT json_build_object('id', id, 'answers', answers, 'step', step, 'updated', updated_at, 'expires', expires_at)::text
            FROM application_drafts WHERE owner = @owner AND procedure_id = @procedure AND expires_at > @now
            """, ct, ("owner", owner), ("procedure", procedureId), ("now", clock.GetUtcNow()));
        if (rows.Count == 0)
        {
            return null;
        }

        var row = rows[0];
        var id = Guid.Parse(row["id"]!.GetValue<string>());
        var files = (await Db.JsonRowsAsync(connection, null, """
                SELECT json_build_object('id', id, 'name', file_name, 'type', content_type, 'size', size, 'sha', sha256, 'document', document_id, 'at', added_at)::text
                FROM application_draft_files WHERE draft_id = @id ORDER BY added_at, id
                """, ct, ("id", id)))
            .Select(f => new DraftFile(Guid.Parse(f["id"]!.GetValue<string>()), f["name"]!.GetValue<string>(), f["type"]!.GetValue<string>(),
                f["size"]!.GetValue<long>(), f["sha"]!.GetValue<string>(), f["document"] is { } d ? Guid.Parse(d.GetValue<string>()) : null, Instant(f["at"])))
            .ToList();
        return new ApplicationDraft(id, owner, procedureId, row["answers"]!.AsObject(), row["step"]!.GetValue<string>(), Instant(row["updated"]),
            Instant(row["expires"]), files);
    }

    private static DateTimeOffset Instant(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
