using BotPbx.Ivr.Http;
using BotPbx.Ivr.Prompts;

namespace BotPbx.Ivr.Runtime;

/// <summary>The services executors use, shared by every call.</summary>
public sealed class IvrRuntime(IPromptLibrary prompts, IvrHttpClient http, IvrOptions options, TimeProvider time)
{
    public IPromptLibrary Prompts { get; } = prompts;

    public IvrHttpClient Http { get; } = http;

    public IvrOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;
}
