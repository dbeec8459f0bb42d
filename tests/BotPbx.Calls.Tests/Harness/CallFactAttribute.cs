using Xunit.Abstractions;
using Xunit.Sdk;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// A real-call test. It behaves as <see cref="FactAttribute"/>, except that a failure during which a baresip phone
/// crashed (<see cref="PhoneCrashes"/>) runs the test once more: the crash is the test phone's defect, and the second
/// run's result is the test's result. A failure without a phone crash is reported at once, never retried.
/// </summary>
[XunitTestCaseDiscoverer("BotPbx.Calls.Tests.Harness.CallFactDiscoverer", "BotPbx.Calls.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class CallFactAttribute : FactAttribute;

public sealed class CallFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new PhoneCrashTolerantTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

public sealed class PhoneCrashTolerantTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public PhoneCrashTolerantTestCase()
    {
    }

    public PhoneCrashTolerantTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(diagnostics, display, options, method)
    {
    }

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus,
        object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var crashesBefore = PhoneCrashes.Count;
        using var held = new HeldMessageBus();
        var first = await base.RunAsync(diagnosticMessageSink, held, constructorArguments, new ExceptionAggregator(aggregator), cancellationTokenSource);
        if (first.Failed == 0 || PhoneCrashes.Count == crashesBefore)
        {
            held.ForwardTo(messageBus);
            return first;
        }
        // Said where people look: the run's output and a file among the test results.
        var notice = $"{DateTimeOffset.UtcNow:O} {DisplayName}: a baresip phone crashed (segmentation fault) during the test; running it once more";
        diagnosticMessageSink.OnMessage(new DiagnosticMessage(notice));
        await Console.Error.WriteLineAsync(notice);
        var results = Directory.CreateDirectory(Path.Combine(AsteriskRoot.RepositoryRoot(), "artifacts", "test-results")).FullName;
        await File.AppendAllTextAsync(Path.Combine(results, "phone-crash-retries.txt"), notice + "\n");
        var second = await base.RunAsync(diagnosticMessageSink, messageBus, constructorArguments, aggregator, cancellationTokenSource);
        second.Time += first.Time;
        return second;
    }

    /// <summary>Keeps a run's messages (its result among them) until it is known whether they are the test's result.</summary>
    private sealed class HeldMessageBus : IMessageBus
    {
        private readonly List<IMessageSinkMessage> _messages = [];

        public bool QueueMessage(IMessageSinkMessage message)
        {
            lock (_messages) _messages.Add(message);
            return true;
        }

        public void ForwardTo(IMessageBus bus)
        {
            lock (_messages)
                foreach (var message in _messages) bus.QueueMessage(message);
        }

        public void Dispose()
        {
        }
    }
}
