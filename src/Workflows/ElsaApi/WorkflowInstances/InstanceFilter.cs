namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>Elsa's ListWorkflowInstancesRequest, used as the POST body and as GET query parameters alike.</summary>
internal sealed record InstanceFilter
{
    public int? Page { get; init; }

    public int? PageSize { get; init; }

    public string? SearchTerm { get; init; }

    public string? DefinitionId { get; init; }

    public string[]? DefinitionIds { get; init; }

    public string? CorrelationId { get; init; }

    public string? Name { get; init; }

    public int? Version { get; init; }

    public bool? HasIncidents { get; init; }

    public string? Status { get; init; }

    public string[]? Statuses { get; init; }

    public string? SubStatus { get; init; }

    public string[]? SubStatuses { get; init; }

    public string? OrderBy { get; init; }

    public string? OrderDirection { get; init; }

    /// <summary>
    /// CaseFlow's keyset cursor (the <c>X-Next-Cursor</c> of the previous page): the next page of the default order,
    /// newest first, read from the index at that row instead of counting past every row before it.
    /// </summary>
    public string? After { get; init; }

    /// <summary>True for the order a cursor can follow: creation time, newest first (the Studio's default).</summary>
    public bool IsDefaultOrder =>
        OrderBy?.ToLowerInvariant() is null or "" or "created" or "createdat"
        && !string.Equals(OrderDirection, "Ascending", StringComparison.OrdinalIgnoreCase);

    /// <summary>The WHERE clause; every value is a parameter, only column names are spliced.</summary>
    public (string Where, List<(string Name, object Value)> Parameters) ToSql()
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object)>();
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            parameters.Add((name, value));
        }

        var definitionIds = (DefinitionIds ?? []).Concat(DefinitionId is { Length: > 0 } d ? [d] : []).ToArray();
        if (definitionIds.Length > 0) Add("definition_id = ANY(@definitionIds)", "definitionIds", definitionIds);
        if (!string.IsNullOrWhiteSpace(CorrelationId)) Add("correlation_id = @correlationId", "correlationId", CorrelationId);
        if (!string.IsNullOrWhiteSpace(Name)) Add("name = @name", "name", Name);
        if (Version is { } version) Add("version = @version", "version", version);
        if (HasIncidents is { } incidents) conditions.Add(incidents ? "incident_count > 0" : "incident_count = 0");
        var statuses = (Statuses ?? []).Concat(Status is { Length: > 0 } s ? [s] : []).ToArray();
        if (statuses.Length > 0) Add("status = ANY(@statuses)", "statuses", statuses);
        var subStatuses = (SubStatuses ?? []).Concat(SubStatus is { Length: > 0 } ss ? [ss] : []).ToArray();
        if (subStatuses.Length > 0) Add("sub_status = ANY(@subStatuses)", "subStatuses", subStatuses);
        if (!string.IsNullOrWhiteSpace(SearchTerm))
        {
            Add("(id ILIKE @q OR name ILIKE @q OR correlation_id ILIKE @q OR definition_id ILIKE @q)", "q", $"%{SearchTerm.Trim()}%");
        }

        return (conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions), parameters);
    }

    /// <summary>Elsa's OrderByWorkflowInstance (Created, UpdatedAt, Finished, Name); newest first unless told otherwise.</summary>
    public string OrderSql()
    {
        var column = OrderBy?.ToLowerInvariant() switch
        {
            "updatedat" or "lastexecuted" => "updated_at",
            "finished" or "finishedat" => "finished_at",
            "name" => "name",
            _ => "created_at",
        };
        var direction = string.Equals(OrderDirection, "Ascending", StringComparison.OrdinalIgnoreCase) ? "ASC" : "DESC";
        return $"{column} {direction} NULLS LAST, id {direction}";
    }
}
