using BotPbx.Asterisk.AudioSocket;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tools;

namespace BotPbx.Voice.Pipeline;

/// <summary>Everything one conversation needs, resolved for one call: the agent (prompt and greeting already filled in),
/// its three providers, the call's audio and control, and where the conversation is saved.</summary>
public sealed record ConversationSetup
{
    public required AgentDefinition Agent { get; init; }
    public required ILlmClient Llm { get; init; }
    public required ISpeechToText Stt { get; init; }
    public required ITextToSpeech Tts { get; init; }
    public required IAudioSocketSession Audio { get; init; }

    /// <summary>The rate of the call's audio both ways: 8000 for AudioSocket(), 16000 for externalMedia slin16.</summary>
    public required int SampleRate { get; init; }

    public required ICallControl Call { get; init; }
    public required IConversationStore Store { get; init; }
    public required ConversationStart Start { get; init; }
}
