using System.Globalization;
using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Validation;

namespace BotPbx.Api.Features.Ivr;

/// <summary>goToIvr targets: IVRs in the database.</summary>
public sealed class IvrTargetSource(IvrStore store) : IIvrReferenceSource
{
    public IReadOnlyCollection<IvrReferenceKind> Kinds { get; } = [IvrReferenceKind.Ivr];

    public async Task<IReadOnlySet<string>> FindExistingAsync(IvrReferenceKind kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var numeric = ids.Select(i => long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null)
            .OfType<long>().ToList();
        var found = await store.ExistingAsync(numeric, cancellationToken);
        return found.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>TTS engines: the ones configured in the prompt cache.</summary>
public sealed class TtsEngineSource(PromptCache cache) : IIvrReferenceSource
{
    public IReadOnlyCollection<IvrReferenceKind> Kinds { get; } = [IvrReferenceKind.TtsEngine];

    public Task<IReadOnlySet<string>> FindExistingAsync(IvrReferenceKind kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(ids.Where(cache.Engines.Contains).ToHashSet(StringComparer.Ordinal));
}

/// <summary>
/// Uploaded recordings: sound files named by their id in the recordings directory (<c>&lt;id&gt;.wav</c>), which
/// Asterisk plays by path without the extension. Also the reference source that tells whether a recording exists.
/// </summary>
public sealed class DirectoryRecordings(IvrFeatureOptions options) : IIvrRecordings, IIvrReferenceSource
{
    public IReadOnlyCollection<IvrReferenceKind> Kinds { get; } = [IvrReferenceKind.Recording];

    public Task<string?> GetPlaybackFileAsync(string recordingId, CancellationToken cancellationToken)
    {
        var file = PathOf(recordingId);
        return Task.FromResult(file is not null && File.Exists(file + ".wav") ? file : null);
    }

    public Task<IReadOnlySet<string>> FindExistingAsync(IvrReferenceKind kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(ids.Where(id => PathOf(id) is { } file && File.Exists(file + ".wav")).ToHashSet(StringComparer.Ordinal));

    /// <summary>Only ids of the schema's form (letters, digits, '-' and '_') become paths, so no id can leave the directory.</summary>
    private string? PathOf(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? Path.Combine(options.RecordingsDirectory, id) : null;
}
