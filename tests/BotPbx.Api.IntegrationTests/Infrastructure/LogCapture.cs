using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BotPbx.Api.IntegrationTests.Infrastructure;

/// <summary>Keeps every formatted log message, so tests can check what the service wrote (and what it never wrote).</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => _messages.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            capture._messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
