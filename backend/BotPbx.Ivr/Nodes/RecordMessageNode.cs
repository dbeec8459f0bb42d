using System.Globalization;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Nodes;

public sealed record RecordMessageData(int MaxSeconds, string Variable, IvrPrompt? Prompt = null, int? SilenceSeconds = null, bool? Beep = null,
    string? Label = null);

/// <summary>
/// Records the caller (after an optional prompt and beep) to a WAV under the configured directory, ending on '#',
/// silence or the time limit; the file path (with ".wav") goes into the variable.
/// </summary>
public sealed class RecordMessageExecutor : INodeExecutor<RecordMessageData>
{
    public static readonly NodeSpec Spec = new NodeSpec<RecordMessageData>("recordMessage", new RecordMessageExecutor(),
        _ => NodeHelpers.NextOnly,
        waitsForCaller: true,
        references: d => NodeHelpers.PromptReferences(d.Prompt, "prompt"));

    public async Task<NodeResult> ExecuteAsync(NodeContext context, RecordMessageData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Prompt is not null) await NodeHelpers.PlayAsync(context, data.Prompt, string.Empty, cancellationToken).ConfigureAwait(false);
        var stamp = context.Runtime.Time.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var name = $"{Sanitize(context.CallId)}-{context.Node.Id}-{stamp}";
        var file = Path.Combine(context.Runtime.Options.MessagesDirectory, name);
        var silence = data.SilenceSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        var result = await context.Channel.RecordAsync(file, TimeSpan.FromSeconds(data.MaxSeconds), silence, data.Beep != false, cancellationToken)
            .ConfigureAwait(false);
        context.Variables.Set(data.Variable, result.File + ".wav");
        return NodeResult.Next("next", $"recorded ({result.EndedBy})");
    }

    /// <summary>Asterisk unique ids are "1795239477.1"; anything else is reduced to safe file-name characters.</summary>
    private static string Sanitize(string value) => new([.. value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_')]);
}
