using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Data;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;
using Dapper;

namespace BotPbx.Api.Features.Phone;

/// <summary>The extensions a user owns (pbx_extensions.user_id), and every extension number (spy targets are checked against them).</summary>
public sealed class BrowserPhoneStore(IDbConnectionFactory database)
{
    /// <summary>The user's extensions that have a browser phone, lowest number first.</summary>
    public async Task<IReadOnlyList<Extension>> BrowserPhonesOfAsync(long userId, CancellationToken cancellationToken) =>
        (await OwnedByAsync(userId, cancellationToken)).Where(BrowserPhones.Has).ToList();

    /// <summary>The user's extensions, lowest number first.</summary>
    public async Task<IReadOnlyList<Extension>> OwnedByAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Data)>(new CommandDefinition(
            "SELECT id, data::text FROM pbx_extensions WHERE user_id = @userId ORDER BY number",
            new { userId }, cancellationToken: cancellationToken));
        return rows.Select(r => PbxJson.Deserialize<Extension>(r.Data) with { Id = r.Id, UserId = userId }).ToList();
    }

    public async Task<IReadOnlySet<string>> ExtensionNumbersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var numbers = await connection.QueryAsync<string>(new CommandDefinition("SELECT number FROM pbx_extensions", cancellationToken: cancellationToken));
        return numbers.ToHashSet(StringComparer.Ordinal);
    }
}
