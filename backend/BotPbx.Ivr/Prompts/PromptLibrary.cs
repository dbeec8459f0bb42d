using BotPbx.Ivr.Runtime;

namespace BotPbx.Ivr.Prompts;

/// <summary>Text prompts come from the TTS cache, recordings from the host's recording store.</summary>
public sealed class PromptLibrary(PromptCache cache, IIvrRecordings recordings) : IPromptLibrary
{
    public async Task<string> GetPlaybackFileAsync(IvrPrompt prompt, IvrVariables variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.Kind == IvrPrompt.Recording)
        {
            return await recordings.GetPlaybackFileAsync(prompt.RecordingId!, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Recording '{prompt.RecordingId}' does not exist.");
        }
        var text = Template.Render(prompt.Text, variables);
        var entry = await cache.GetAsync(prompt.Engine, prompt.Voice, text, cancellationToken).ConfigureAwait(false);
        return entry.PlaybackFile;
    }
}
