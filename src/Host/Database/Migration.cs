using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace CaseFlow.Host.Database;

/// <summary>One ordered schema change: an embedded <c>Migrations/NNNN_name.sql</c> file of a CaseFlow assembly.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>Reads every embedded migration of the given assemblies, in version order; versions must be unique.</summary>
    public static IReadOnlyList<Migration> LoadAll(IEnumerable<Assembly> assemblies)
    {
        var migrations = new List<Migration>();
        foreach (var assembly in assemblies)
        {
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Migrations.") && n.EndsWith(".sql", StringComparison.Ordinal)))
            {
                // Resource names look like CaseFlow.Host.Migrations._0001_foundation.sql
                var fileName = resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..^4].TrimStart('_');
                var separator = fileName.IndexOf('_');
                if (separator < 1 || !int.TryParse(fileName[..separator], out var version))
                {
                    throw new InvalidOperationException($"Migration resource '{resource}' must be named NNNN_description.sql.");
                }

                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                migrations.Add(new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd()));
            }
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }
}
