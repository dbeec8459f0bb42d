using System.Globalization;
using System.Text;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>
/// Builders for the raw messages a <see cref="FakeAmiServer"/> handler returns, in Asterisk 22's wire format
/// (fixture README, AMI 1–10): <c>Response:</c> first, <c>ActionID:</c> second, CRLF lines, an empty line at the end.
/// </summary>
public static class FakeAmiReplies
{
    /// <summary>Yield this from a handler to close the connection at that point (a peer that dies mid-action).</summary>
    public const string CloseConnection = "\0close";

    public static string Success(FakeAmiRequest request, params (string Key, string Value)[] fields) => Response(request, "Success", fields);

    public static string Error(FakeAmiRequest request, string message) => Response(request, "Error", ("Message", message));

    public static string Response(FakeAmiRequest request, string status, params (string Key, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new StringBuilder().Append("Response: ").Append(status).Append("\r\n");
        if (request.ActionId is { } id) builder.Append("ActionID: ").Append(id).Append("\r\n");
        return AppendFields(builder, fields);
    }

    /// <summary>An event; pass <c>("ActionID", id)</c> among the fields for list items or OriginateResponse.</summary>
    public static string Event(string name, params (string Key, string Value)[] fields) =>
        AppendFields(new StringBuilder().Append("Event: ").Append(name).Append("\r\n"), fields);

    /// <summary>Asterisk 22 Command output: Success, <c>Message: Command output follows</c>, one <c>Output:</c> per line.</summary>
    public static string CommandOutput(FakeAmiRequest request, params string[] lines) =>
        Response(request, "Success", [("Message", "Command output follows"), .. lines.Select(l => ("Output", l))]);

    /// <summary>The pre-Asterisk-14 Command answer: <c>Response: Follows</c>, raw lines, <c>--END COMMAND--</c>.</summary>
    public static string LegacyCommandOutput(FakeAmiRequest request, params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new StringBuilder("Response: Follows\r\nPrivilege: Command\r\n");
        if (request.ActionId is { } id) builder.Append("ActionID: ").Append(id).Append("\r\n");
        foreach (var line in lines) builder.Append(line).Append('\n');
        return builder.Append("--END COMMAND--\r\n\r\n").ToString();
    }

    /// <summary>A whole event list: the start response, the items (each gets the ActionID), the Complete event with ListItems.</summary>
    public static IEnumerable<string> EventList(FakeAmiRequest request, string completeEvent, IReadOnlyList<string> itemEvents)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(itemEvents);
        var id = request.ActionId ?? string.Empty;
        yield return Success(request, ("EventList", "start"), ("Message", "Items will follow"));
        foreach (var item in itemEvents)
        {
            var firstLineEnd = item.IndexOf("\r\n", StringComparison.Ordinal) + 2;
            yield return item.Insert(firstLineEnd, $"ActionID: {id}\r\n");
        }
        yield return Event(completeEvent, ("ActionID", id), ("EventList", "Complete"),
            ("ListItems", itemEvents.Count.ToString(CultureInfo.InvariantCulture)));
    }

    private static string AppendFields(StringBuilder builder, (string Key, string Value)[] fields)
    {
        foreach (var (key, value) in fields) builder.Append(key).Append(": ").Append(value).Append("\r\n");
        return builder.Append("\r\n").ToString();
    }
}
