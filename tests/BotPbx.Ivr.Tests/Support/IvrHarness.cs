using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Http;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Runtime;
using BotPbx.Ivr.Tracing;
using BotPbx.Ivr.Versions;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotPbx.Ivr.Tests.Support;

/// <summary>An interpreter wired to in-memory parts: published flows, text prompts named "prompt:&lt;text&gt;", a fixed clock.</summary>
public sealed class IvrHarness : IDisposable
{
    public IvrHarness(DateTimeOffset? now = null, IvrHttpOptions? http = null)
    {
        Clock = new FixedClock(now ?? new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        Http = new IvrHttpClient(http ?? new IvrHttpOptions());
        Runtime = new IvrRuntime(new TextPrompts(), Http, Options, Clock);
        Interpreter = new IvrInterpreter(Store, Runtime, Traces, NullLogger<IvrInterpreter>.Instance);
    }

    public InMemoryIvrFlowStore Store { get; } = new();

    public IvrOptions Options { get; } = new();

    public FixedClock Clock { get; }

    public IvrHttpClient Http { get; }

    public IvrRuntime Runtime { get; }

    public TraceList Traces { get; } = new();

    public IvrInterpreter Interpreter { get; }

    public async Task<IvrTrace> RunAsync(IvrFlow flow, FakeChannel channel, string ivrId = "main")
    {
        Store.Publish(ivrId, flow);
        return await Interpreter.RunPublishedAsync(channel, ivrId, CancellationToken.None);
    }

    public void Dispose() => Http.Dispose();

    private sealed class TextPrompts : IPromptLibrary
    {
        public Task<string> GetPlaybackFileAsync(IvrPrompt prompt, IvrVariables variables, CancellationToken cancellationToken) =>
            Task.FromResult(prompt.Kind == IvrPrompt.Tts ? "prompt:" + Template.Render(prompt.Text, variables) : "recording:" + prompt.RecordingId);
    }
}

public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class TraceList : IIvrTraceSink
{
    public List<IvrTrace> Saved { get; } = [];

    public Task SaveAsync(IvrTrace trace, CancellationToken cancellationToken)
    {
        lock (Saved) Saved.Add(trace);
        return Task.CompletedTask;
    }
}
