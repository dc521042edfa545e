namespace CaseFlow.Host.Database;

/// <summary>Settings under <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Folder of the private cluster started when <c>ConnectionStrings:CaseFlow</c> is empty.</summary>
    public string LocalClusterPath { get; set; } = ".caseflow/postgres";
}
