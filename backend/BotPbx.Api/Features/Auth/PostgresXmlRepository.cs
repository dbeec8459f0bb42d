using System.Xml.Linq;
using BotPbx.Data;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace BotPbx.Api.Features.Auth;

/// <summary>
/// Keeps the data-protection key ring in PostgreSQL (table <c>data_protection_keys</c>), so bearer tokens and session
/// cookies survive restarts and every process sharing the database can read them.
/// The keys are stored unencrypted, as anyone with database access could already forge a session row.
/// </summary>
public sealed class PostgresXmlRepository(Npgsql.NpgsqlDataSource dataSource) : IXmlRepository
{
    // IXmlRepository is synchronous; the framework calls it rarely (key ring load and refresh, key creation).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id")
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = dataSource.OpenConnection();
        connection.Execute("INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@friendlyName, @xml)",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
