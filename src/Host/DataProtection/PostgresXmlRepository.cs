using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace CaseFlow.Host.DataProtection;

/// <summary>
/// The data-protection key ring in <c>data_protection_keys</c>, so that a restart keeps people signed in and every
/// host on the database reads the others' cookies and tokens. The framework's interface is synchronous.
/// </summary>
internal sealed class PostgresXmlRepository(Func<NpgsqlDataSource> source) : IXmlRepository
{
    // Resolved on first use: the pipeline is built before start-up checks the connection string, and a bad one must be
    // reported by that check (one line naming the setting), not as a crash while building the antiforgery middleware.
    private NpgsqlDataSource dataSource => source();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml)");
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
