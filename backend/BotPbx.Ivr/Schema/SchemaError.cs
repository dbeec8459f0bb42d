namespace BotPbx.Ivr.Schema;

/// <summary>One place where a JSON document breaks the schema. <see cref="Path"/> reads like <c>nodes[3].data.prompt.text</c>.</summary>
public sealed record SchemaError(IReadOnlyList<object> Segments, string Message)
{
    public string Path => FormatPath(Segments);

    public static string FormatPath(IEnumerable<object> segments)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var segment in segments)
        {
            if (segment is int index)
            {
                builder.Append('[').Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                if (builder.Length > 0) builder.Append('.');
                builder.Append((string)segment);
            }
        }
        return builder.ToString();
    }
}
