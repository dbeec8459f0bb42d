using System.Security.Cryptography;
using System.Text;

namespace BotPbx.Data.Migrations;

/// <summary>One numbered SQL migration, e.g. <c>0001_initial</c>.</summary>
public sealed record Migration(int Number, string Name, string Sql)
{
    /// <summary>
    /// SHA-256 of the text with line endings normalised, so a checkout with CRLF line endings does not look like an
    /// edited migration.
    /// </summary>
    public string Checksum { get; } = ComputeChecksum(Sql);

    private static string ComputeChecksum(string sql)
    {
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
