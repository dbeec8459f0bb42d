using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Asterisk;
using BotPbx.Telephony.Live;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// Asks Asterisk for everything the live model holds, for a resync: CoreShowChannels, QueueStatus, ExtensionStateList,
/// PJSIPShowContacts, and DBGet BOTPBX/&lt;ext&gt;/dnd per extension. The four lists run at once over the one AMI connection.
/// </summary>
public static class LiveAsteriskReader
{
    private const int DndReadsInFlight = 8;

    public static async Task<LiveResyncInput> ReadAsync(IAmiClient client, IReadOnlyCollection<string> extensions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(extensions);
        var channels = ListAsync(client, new AmiAction("CoreShowChannels"), cancellationToken);
        var queues = ListAsync(client, new AmiAction("QueueStatus"), cancellationToken);
        var hints = ListAsync(client, new AmiAction("ExtensionStateList"), cancellationToken);
        var contacts = ListAsync(client, new AmiAction("PJSIPShowContacts"), cancellationToken);
        var dnd = ReadDndAsync(client, extensions, cancellationToken);
        await Task.WhenAll(channels, queues, hints, contacts, dnd);
        return new LiveResyncInput(await channels, await queues, await hints, await contacts, await dnd);
    }

    /// <summary>AstDB BOTPBX/&lt;ext&gt;/dnd of each extension: true/false when the key holds 1/0, null when there is none.</summary>
    public static async Task<IReadOnlyDictionary<string, bool?>> ReadDndAsync(IAmiClient client, IReadOnlyCollection<string> extensions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var batch in extensions.Chunk(DndReadsInFlight))
        {
            var reads = batch.Select(async number => (number, value: await DbGetAsync(client, number, cancellationToken))).ToList();
            foreach (var (number, value) in await Task.WhenAll(reads)) result[number] = value;
        }
        return result;
    }

    private static async Task<IReadOnlyList<AmiEvent>> ListAsync(IAmiClient client, AmiAction action, CancellationToken cancellationToken)
    {
        var list = await client.SendEventListAsync(action, null, cancellationToken);
        return list.Items;
    }

    private static async Task<bool?> DbGetAsync(IAmiClient client, string number, CancellationToken cancellationToken)
    {
        // An extension number is digits (validated when saved), so it cannot break out of the AstDB key.
        var action = new AmiAction("DBGet").Add("Family", PhoneOverrideKeys.Family).Add("Key", number + "/dnd");
        try
        {
            var list = await client.SendEventListAsync(action, null, cancellationToken);
            if (!list.Response.IsSuccess) return null;
            return (list.Items.Count > 0 ? list.Items[0]["Val"] : null) switch { "1" => true, "0" => false, _ => null };
        }
        catch (AmiActionException)
        {
            // "Database entry not found": no key, the saved setting applies.
            return null;
        }
    }
}
