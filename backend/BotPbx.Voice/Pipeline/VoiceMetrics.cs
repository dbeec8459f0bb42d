using System.Diagnostics.Metrics;

namespace BotPbx.Voice.Pipeline;

/// <summary>
/// The pipeline's latency histograms, with seed 002's names, on the Meter "BotPbx.Voice" (exported at /metrics by the
/// API). Each is labelled with the agent id. All in seconds, from the marks of <see cref="Agents.TurnTimings"/>:
/// turn = end of the caller's speech → first audio frame sent; stt = end of speech → final transcript;
/// llm = request sent → first token; tts = sentence sent to TTS → first audio.
/// </summary>
public sealed class VoiceMetrics : IDisposable
{
    public const string MeterName = "BotPbx.Voice";

    private readonly Meter _meter;
    private readonly Histogram<double> _turn;
    private readonly Histogram<double> _stt;
    private readonly Histogram<double> _llm;
    private readonly Histogram<double> _tts;
    private readonly Counter<long> _bargeIns;
    private readonly UpDownCounter<long> _active;

    public VoiceMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _turn = _meter.CreateHistogram<double>("ai_agent_turn_latency_seconds", "s", "Time from the end of the caller's speech to the agent's first audio frame");
        _stt = _meter.CreateHistogram<double>("ai_agent_stt_latency_seconds", "s", "Time from the end of the caller's speech to the final transcript");
        _llm = _meter.CreateHistogram<double>("ai_agent_llm_latency_seconds", "s", "Time from the LLM request to its first token");
        _tts = _meter.CreateHistogram<double>("ai_agent_tts_latency_seconds", "s", "Time from a sentence sent to TTS to its first audio");
        _bargeIns = _meter.CreateCounter<long>("ai_agent_barge_ins_total", null, "Times a caller talked over the agent and playback stopped");
        _active = _meter.CreateUpDownCounter<long>("ai_agent_active_calls", null, "AI agent calls in progress");
    }

    public void Turn(string agentId, TimeSpan latency) => _turn.Record(latency.TotalSeconds, Tag(agentId));

    public void Stt(string agentId, TimeSpan latency) => _stt.Record(latency.TotalSeconds, Tag(agentId));

    public void Llm(string agentId, TimeSpan latency) => _llm.Record(latency.TotalSeconds, Tag(agentId));

    public void Tts(string agentId, TimeSpan latency) => _tts.Record(latency.TotalSeconds, Tag(agentId));

    public void BargeIn(string agentId) => _bargeIns.Add(1, Tag(agentId));

    public void CallStarted(string agentId) => _active.Add(1, Tag(agentId));

    public void CallEnded(string agentId) => _active.Add(-1, Tag(agentId));

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string agentId) => new("agent", agentId);
}
