using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Npgsql;
using CaseFlow.ServiceDefaults.Changes;
using NpgsqlTypes;

namespace CaseFlow.Workflows.Definitions;

/// <summary>
/// Definition versions in PostgreSQL with Elsa's rules: saving over a published latest version creates a new draft
/// version; saving a draft updates it (unless instances already run on it); publishing unpublishes the previous
/// version. Parsed definitions are cached per version row, so a running instance always sees its own version. A
/// version id belongs to one definition forever and a version with instances never changes (also enforced by the
/// database, migration 0120): a save that would break either is a <see cref="DefinitionConflictException"/>.
/// Reads are served from memory between changes: every write to the table signals the change feed (migration 0150),
/// so an intake or a step does not pay a round trip and a commit to learn what it already knew.
/// </summary>
public sealed class DefinitionStore(NpgsqlDataSource dataSource, DefinitionParser parser, TimeProvider clock, ChangeFeed feed)
{
    /// <summary>The change-feed topic the table's trigger signals.</summary>
    public const string ChangeTopic = "workflow_definitions";
    private const string Columns = "id, definition_id, version, name, description, is_latest, is_published, document, created_at, updated_at";
    private readonly ConcurrentDictionary<(string Id, DateTimeOffset UpdatedAt), WorkflowDefinition> cache = new();
    private readonly ChangeAwareCache<(string DefinitionId, VersionOptions Options), WorkflowDefinition> found = new(feed, ChangeTopic);
    private readonly ChangeAwareCache<string, WorkflowDefinition> byVersionId = new(feed, ChangeTopic);
    private readonly ChangeAwareCache<string, IReadOnlyList<WorkflowDefinition>> lists = new(feed, ChangeTopic, capacity: 1_000);

    /// <summary>Validates without storing (what the designer's save would be told).</summary>
    public WorkflowDefinition Validate(JsonObject model, string source) => parser.Parse(model, source);

    public async Task<WorkflowDefinition> SaveAsync(JsonObject model, bool publish, string source, CancellationToken ct)
    {
        model = (JsonObject)model.DeepClone();
        if (string.IsNullOrWhiteSpace(model["definitionId"]?.GetValue<string>()))
        {
            model["definitionId"] = Guid.CreateVersion7().ToString("N")[..16];
        }

        var parsed = parser.Parse(model, source);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Lock(connection, transaction, parsed.DefinitionId, ct);

        var latest = await QuerySingleAsync(connection, transaction, "definition_id = @d AND is_latest", ct, ("d", parsed.DefinitionId));
        if (latest is not null && parsed.Root.Activities.Count == 0 && latest.Root.Activities.Count > 0)
        {
            // The Studio's auto-save posts an empty canvas when it could not draw an activity: never let that wipe a procedure.
            throw new DefinitionValidationException(source,
                [new DefinitionError("root.activities", null, $"The save has no activities while version {latest.Version} has {latest.Root.Activities.Count}; refusing to drop them.")]);
        }

        await RefuseForeignVersionIdAsync(connection, transaction, model, parsed.DefinitionId, "model.id", ct);
        var now = clock.GetUtcNow();
        string id;
        int version;
        if (latest is null)
        {
            version = parsed.Version;
            id = await NewVersionIdAsync(connection, transaction, parsed.DefinitionId, version, model, ct);
        }
        else if (latest.IsPublished || await HasInstancesAsync(connection, transaction, latest.Id, ct))
        {
            version = latest.Version + 1;
            id = await NewVersionIdAsync(connection, transaction, parsed.DefinitionId, version, null, ct);
            await Execute(connection, transaction, "UPDATE workflow_definitions SET is_latest = false WHERE id = @id", ct, ("id", latest.Id));
        }
        else
        {
            version = latest.Version;
            id = latest.Id;
        }

        if (publish)
        {
            await Execute(connection, transaction, "UPDATE workflow_definitions SET is_published = false WHERE definition_id = @d AND is_published", ct, ("d", parsed.DefinitionId));
        }

        var createdAt = latest is not null && id == latest.Id ? latest.CreatedAt : now;
        var document = Stamp(model, id, version, isLatest: true, publish || (latest?.Id == id && latest.IsPublished), createdAt);
        await UpsertAsync(connection, transaction, document, "api", now, ct);
        await transaction.CommitAsync(ct);
        feed.Touch(ChangeTopic);
        return (await FindByIdAsync(id, ct))!;
    }

    /// <summary>
    /// Loads a file of <c>workflow-definitions/</c>: inserted by definitionId + version, or updated when it changed
    /// and no instance runs on that version yet. The newest version of each file is the latest; a file marked
    /// <c>isPublished</c> is published.
    /// </summary>
    public async Task<string> ImportFileAsync(JsonObject model, string fileName, CancellationToken ct)
    {
        var parsed = parser.Parse(model, fileName);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Lock(connection, transaction, parsed.DefinitionId, ct);

        var existing = await QuerySingleAsync(connection, transaction, "definition_id = @d AND version = @v", ct, ("d", parsed.DefinitionId), ("v", parsed.Version));
        var latest = await QuerySingleAsync(connection, transaction, "definition_id = @d AND is_latest", ct, ("d", parsed.DefinitionId));
        await RefuseForeignVersionIdAsync(connection, transaction, model, parsed.DefinitionId, $"{fileName}: id", ct);
        var id = existing?.Id ?? await NewVersionIdAsync(connection, transaction, parsed.DefinitionId, parsed.Version, model, ct);
        var publish = model["isPublished"]?.GetValue<bool>() ?? true;
        var isLatest = latest is null || latest.Version <= parsed.Version;
        string outcome;
        if (existing is not null && JsonNode.DeepEquals(Strip(existing.Document), Strip(model)))
        {
            outcome = "unchanged";
        }
        else if (existing is not null && await HasInstancesAsync(connection, transaction, existing.Id, ct))
        {
            outcome = "kept (instances run on the stored version; give the file a new version number)";
        }
        else
        {
            if (isLatest && latest is not null && latest.Id != id)
            {
                await Execute(connection, transaction, "UPDATE workflow_definitions SET is_latest = false WHERE id = @id", ct, ("id", latest.Id));
            }

            if (publish)
            {
                await Execute(connection, transaction, "UPDATE workflow_definitions SET is_published = false WHERE definition_id = @d AND is_published AND id <> @id", ct,
                    ("d", parsed.DefinitionId), ("id", id));
            }

            var now = clock.GetUtcNow();
            var document = Stamp(model, id, parsed.Version, isLatest, publish, existing?.CreatedAt ?? now);
            await UpsertAsync(connection, transaction, document, "file", now, ct);
            outcome = existing is null ? "added" : "updated";
        }

        await transaction.CommitAsync(ct);
        feed.Touch(ChangeTopic);
        return outcome;
    }

    public ValueTask<WorkflowDefinition?> FindAsync(string definitionId, VersionOptions options, CancellationToken ct) =>
        found.GetAsync((definitionId, options), token => ReadAsync(definitionId, options, token), ct);

    public ValueTask<WorkflowDefinition?> FindByIdAsync(string id, CancellationToken ct) =>
        byVersionId.GetAsync(id, token => ReadByIdAsync(id, token), ct);

    /// <summary>Definitions matching a selector, newest version first within each definition.</summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> ListAsync(VersionOptions options, IReadOnlyCollection<string>? definitionIds, IReadOnlyCollection<string>? ids,
        string? searchTerm, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(searchTerm))
        {
            return await ReadListAsync(options, definitionIds, ids, searchTerm, ct);
        }

        var key = $"{options.Kind}|{options.Version}|{string.Join(',', definitionIds ?? [])}|{string.Join(',', ids ?? [])}";
        return (await lists.GetAsync(key, async token => await ReadListAsync(options, definitionIds, ids, null, token), ct))!;
    }

    private async Task<WorkflowDefinition?> ReadAsync(string definitionId, VersionOptions options, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // With LatestOrPublished, Elsa prefers the published version.
        var order = options.Kind == "LatestOrPublished" ? "is_published DESC, version DESC" : "version DESC";
        return (await QueryAsync(connection, null, $"definition_id = @d AND {options.SqlFilter} ORDER BY {order} LIMIT 1", ct, ("d", definitionId))).FirstOrDefault();
    }

    private async Task<WorkflowDefinition?> ReadByIdAsync(string id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await QuerySingleAsync(connection, null, "id = @id", ct, ("id", id));
    }

    private async Task<IReadOnlyList<WorkflowDefinition>> ReadListAsync(VersionOptions options, IReadOnlyCollection<string>? definitionIds, IReadOnlyCollection<string>? ids,
        string? searchTerm, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var filter = options.SqlFilter;
        var parameters = new List<(string, object)>();
        if (definitionIds is { Count: > 0 })
        {
            filter += " AND definition_id = ANY(@dids)";
            parameters.Add(("dids", definitionIds.ToArray()));
        }

        if (ids is { Count: > 0 })
        {
            filter += " AND id = ANY(@ids)";
            parameters.Add(("ids", ids.ToArray()));
        }

        if (!string.IsNullOrWhiteSpace(searchTerm))
        {
            filter += " AND (name ILIKE @q OR description ILIKE @q OR definition_id ILIKE @q)";
            parameters.Add(("q", $"%{searchTerm.Trim()}%"));
        }

        return await QueryAsync(connection, null, $"{filter} ORDER BY name, definition_id, version DESC", ct, [.. parameters]);
    }

    /// <summary>
    /// The published definitions with an activity of this type marked <c>canStartWorkflow</c> at the top of their flowchart:
    /// the definitions an event (or a schedule) starts, read in the caller's transaction.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> PublishedWithTriggerAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string activityType, CancellationToken ct) =>
        await QueryAsync(connection, transaction, """
            is_published AND jsonb_path_exists(document, '$.root.activities[*] ? (@.type == $t && @.customProperties.canStartWorkflow == true)', jsonb_build_object('t', @t::text))
            ORDER BY definition_id
            """, ct, ("t", activityType));

    public async Task<WorkflowDefinition?> PublishAsync(string definitionId, CancellationToken ct)
    {
        var latest = await FindAsync(definitionId, VersionOptions.Latest, ct);
        return latest is null ? null : await SaveAsync(latest.Document, publish: true, $"publish {definitionId}", ct);
    }

    /// <summary>Unpublishes the published version: new cases can no longer start on it; running ones continue.</summary>
    public async Task<WorkflowDefinition?> RetractAsync(string definitionId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var published = await QuerySingleAsync(connection, transaction, "definition_id = @d AND is_published", ct, ("d", definitionId));
        if (published is null)
        {
            return null;
        }

        var document = Stamp(published.Document, published.Id, published.Version, published.IsLatest, isPublished: false, published.CreatedAt);
        await UpsertAsync(connection, transaction, document, "api", clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        feed.Touch(ChangeTopic);
        return await FindByIdAsync(published.Id, ct);
    }

    private static JsonObject Stamp(JsonObject model, string id, int version, bool isLatest, bool isPublished, DateTimeOffset createdAt)
    {
        var document = (JsonObject)model.DeepClone();
        document["id"] = id;
        document["version"] = version;
        document["isLatest"] = isLatest;
        document["isPublished"] = isPublished;
        document["createdAt"] = createdAt.ToString("O");
        return document;
    }

    // The fields the store itself writes do not make a file "changed".
    private static JsonObject Strip(JsonObject document)
    {
        var copy = (JsonObject)document.DeepClone();
        foreach (var key in new[] { "id", "isLatest", "isPublished", "createdAt" })
        {
            copy.Remove(key);
        }

        return copy;
    }

    // A version id given by the model is kept (files and Elsa exports carry theirs); a generated one never takes an id in use.
    private static async Task<string> NewVersionIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string definitionId, int version, JsonObject? model,
        CancellationToken ct)
    {
        if (GivenId(model) is { } given)
        {
            return given;
        }

        var id = $"{definitionId}-v{version}";
        return await VersionOwnerAsync(connection, transaction, id, ct) is null ? id : $"{id}-{Guid.CreateVersion7():N}"[..(id.Length + 13)];
    }

    /// <summary>A version id belongs to one definition forever: a model naming another definition's version is a conflict.</summary>
    private static async Task RefuseForeignVersionIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, JsonObject model, string definitionId, string field,
        CancellationToken ct)
    {
        if (GivenId(model) is { } given && await VersionOwnerAsync(connection, transaction, given, ct) is { } owner && owner != definitionId)
        {
            throw new DefinitionConflictException(field,
                $"Version id '{given}' belongs to definition '{owner}', not '{definitionId}'; remove the id to save a new definition.");
        }
    }

    private static string? GivenId(JsonObject? model) =>
        model?["id"] is JsonValue value && value.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id) ? id : null;

    private static async Task<string?> VersionOwnerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT definition_id FROM workflow_definitions WHERE id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, JsonObject document, string source, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO workflow_definitions (id, definition_id, version, name, description, is_latest, is_published, source, document, created_at, updated_at)
            VALUES (@id, @d, @v, @name, @description, @latest, @published, @source, @document, @created, @now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, is_latest = excluded.is_latest,
                is_published = excluded.is_published, source = excluded.source, document = excluded.document, updated_at = excluded.updated_at
            WHERE workflow_definitions.definition_id = excluded.definition_id AND workflow_definitions.version = excluded.version
            """, connection, transaction);
        command.Parameters.AddWithValue("id", document["id"]!.GetValue<string>());
        command.Parameters.AddWithValue("d", document["definitionId"]!.GetValue<string>());
        command.Parameters.AddWithValue("v", document["version"]!.GetValue<int>());
        command.Parameters.AddWithValue("name", document["name"]?.GetValue<string>() ?? document["definitionId"]!.GetValue<string>());
        command.Parameters.AddWithValue("description", (object?)document["description"]?.GetValue<string>() ?? DBNull.Value);
        command.Parameters.AddWithValue("latest", document["isLatest"]!.GetValue<bool>());
        command.Parameters.AddWithValue("published", document["isPublished"]!.GetValue<bool>());
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("document", NpgsqlDbType.Jsonb, document.ToJsonString());
        command.Parameters.AddWithValue("created", DateTimeOffset.Parse(document["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("now", now);
        int written;
        try
        {
            written = await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.IntegrityConstraintViolation or PostgresErrorCodes.CheckViolation
                                               or PostgresErrorCodes.UniqueViolation)
        {
            throw new DefinitionConflictException("model", $"The save would change a stored version it may not change: {ex.MessageText}.");
        }

        if (written == 0)
        {
            throw new DefinitionConflictException("model.id", $"Version id '{document["id"]}' belongs to another definition or version.");
        }
    }

    private static async Task<bool> HasInstancesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string versionId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM workflow_instances WHERE definition_version_id = @id)", connection, transaction);
        command.Parameters.AddWithValue("id", versionId);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task Lock(NpgsqlConnection connection, NpgsqlTransaction transaction, string definitionId, CancellationToken ct) =>
        await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('definition:' || @d))", ct, ("d", definitionId));

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<WorkflowDefinition?> QuerySingleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, CancellationToken ct, params (string, object)[] parameters) =>
        (await QueryAsync(connection, transaction, where, ct, parameters)).FirstOrDefault();

    private async Task<List<WorkflowDefinition>> QueryAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM workflow_definitions WHERE {where}", connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<(string Id, DateTimeOffset UpdatedAt, bool IsLatest, bool IsPublished, string Document, DateTimeOffset CreatedAt)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(9), reader.GetBoolean(5), reader.GetBoolean(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8)));
            }
        }

        return rows.Select(row => cache.GetOrAdd((row.Id, row.UpdatedAt), _ =>
        {
            var document = JsonNode.Parse(row.Document)!.AsObject();
            var parsed = parser.Parse(document, $"stored definition {row.Id}");
            return new WorkflowDefinition
            {
                Id = row.Id,
                DefinitionId = parsed.DefinitionId,
                Version = parsed.Version,
                Name = parsed.Name,
                Description = parsed.Description,
                IsLatest = row.IsLatest,
                IsPublished = row.IsPublished,
                CreatedAt = row.CreatedAt,
                Document = document,
                Root = parsed.Root,
                Variables = parsed.Variables,
                Inputs = parsed.Inputs,
            };
        })).ToList();
    }
}
