using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;

namespace BotPbx.Api.Features.Metrics;

/// <summary>
/// Publishes the "BotPbx.Voice" meter under seed 002's exact names (<c>ai_agent_turn_latency_seconds</c>…).
/// prometheus-net's own meter adapter would prefix every name with the meter's (<c>botpbx_voice_ai_agent_…</c>), which
/// dashboards written for seed 002 would not find; so this meter is bridged here and left out of the adapter
/// (<see cref="MetricsServiceCollectionExtensions"/>). Histograms keep their unit (seconds); up-down counters become gauges.
/// </summary>
public sealed class VoiceMeterBridge : IHostedService, IDisposable
{
    public const string MeterName = "BotPbx.Voice";

    /// <summary>Latency buckets, in seconds: voice turns live between tens of milliseconds and a few seconds.</summary>
    private static readonly double[] Buckets = [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10];

    private readonly MetricFactory _factory;
    private readonly ConcurrentDictionary<Instrument, Func<double, string[], bool>> _sinks = new();
    private readonly ConcurrentDictionary<Instrument, string[]> _labels = new();
    private MeterListener? _listener;

    private readonly IMeterFactory? _meters;

    /// <param name="meters">This host's meter factory: only meters it made are bridged, so two hosts in one process
    /// (integration tests) do not count each other's measurements.</param>
    public VoiceMeterBridge(IMeterFactory? meters = null, CollectorRegistry? registry = null)
    {
        _meters = meters;
        _factory = Prometheus.Metrics.WithCustomRegistry(registry ?? Prometheus.Metrics.DefaultRegistry);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MeterName && (_meters is null || ReferenceEquals(instrument.Meter.Scope, _meters)))
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        _listener = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _listener?.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // The label names are fixed by the first measurement (the pipeline always tags the same keys: "agent").
        if (!_labels.TryGetValue(instrument, out var names)) names = _labels.GetOrAdd(instrument, [.. Names(tags)]);
        var values = new string[names.Length];
        for (var i = 0; i < names.Length; i++) values[i] = "";
        foreach (var tag in tags)
        {
            var index = Array.IndexOf(names, tag.Key);
            if (index >= 0) values[index] = tag.Value?.ToString() ?? "";
        }
        var sink = _sinks.GetOrAdd(instrument, i => Create(i, names));
        sink(value, values);
    }

    private static List<string> Names(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var names = new List<string>();
        foreach (var tag in tags) names.Add(tag.Key);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private Func<double, string[], bool> Create(Instrument instrument, string[] labels)
    {
        var help = instrument.Description ?? instrument.Name;
        switch (instrument)
        {
            case Histogram<double> or Histogram<long> or Histogram<int>:
                var histogram = _factory.CreateHistogram(instrument.Name, help, labels, new HistogramConfiguration { Buckets = Buckets });
                return (v, l) => { histogram.WithLabels(l).Observe(v); return true; };
            case Counter<long> or Counter<double> or Counter<int>:
                var counter = _factory.CreateCounter(instrument.Name, help, labels);
                return (v, l) => { counter.WithLabels(l).Inc(v); return true; };
            default:
                // UpDownCounter: a level that goes up and down (calls in progress).
                var gauge = _factory.CreateGauge(instrument.Name, help, labels);
                return (v, l) => { gauge.WithLabels(l).Inc(v); return true; };
        }
    }
}
