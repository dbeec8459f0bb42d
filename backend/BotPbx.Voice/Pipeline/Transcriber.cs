using System.Text;
using System.Threading.Channels;
using BotPbx.Voice.Providers;

namespace BotPbx.Voice.Pipeline;

/// <summary>
/// Feeds the caller's turns to one streaming STT session and tells the conversation what each turn said. Audio and
/// end-of-turn marks arrive from the listener without waiting (a queue); one loop sends them on in order. After the
/// end of a turn it flushes the session and takes every final result since the turn began up to the first final after
/// the flush (Deepgram-like vendors finalise long turns in pieces; pocketsphinx answers once per turn).
/// </summary>
internal sealed class Transcriber : IAsyncDisposable
{
    private readonly ISttSession _session;
    private readonly TimeProvider _time;
    private readonly TimeSpan _finalTimeout;
    private readonly Action<PipelineEvent> _post;
    private readonly Channel<Command> _commands = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _finalArrived = new(0);
    private readonly StringBuilder _text = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _feeding;
    private readonly Task _reading;
    private long _finals;
    private DateTimeOffset _lastFinalAt;

    public Transcriber(ISttSession session, TimeProvider time, TimeSpan finalTimeout, Action<PipelineEvent> post)
    {
        _session = session;
        _time = time;
        _finalTimeout = finalTimeout;
        _post = post;
        _reading = Task.Run(ReadAsync);
        _feeding = Task.Run(FeedAsync);
    }

    public void Audio(byte[] frame) => _commands.Writer.TryWrite(new Command(frame, null, false));

    public void Complete(DateTimeOffset endOfSpeech, bool discard) => _commands.Writer.TryWrite(new Command(null, endOfSpeech, discard));

    public async ValueTask DisposeAsync()
    {
        _commands.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _feeding.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _session.DisposeAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _finalArrived.Dispose();
    }

    private async Task FeedAsync()
    {
        var token = _stop.Token;
        try
        {
            await foreach (var command in _commands.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                if (command.Audio is { } audio)
                {
                    await _session.SendAsync(audio, token).ConfigureAwait(false);
                    continue;
                }
                var before = Interlocked.Read(ref _finals);
                await _session.CompleteAsync(token).ConfigureAwait(false);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
                limit.CancelAfter(_finalTimeout);
                try
                {
                    while (Interlocked.Read(ref _finals) <= before) await _finalArrived.WaitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    // No final in time: whatever arrived is the turn.
                }
                string text;
                DateTimeOffset at;
                lock (_text)
                {
                    text = _text.ToString().Trim();
                    _text.Clear();
                    at = Interlocked.Read(ref _finals) > before ? _lastFinalAt : _time.GetUtcNow();
                }
                _post(command.Discard || text.Length == 0 ? new TurnDiscarded() : new CallerUtterance(text, command.EndOfSpeech!.Value, at));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The call is over.
        }
#pragma warning disable CA1031 // A failing vendor ends the call with "error", reported through the loop.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _post(new PipelineFailed(e));
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var result in _session.ResultsAsync(_stop.Token).ConfigureAwait(false))
            {
                if (!result.IsFinal) continue;
                lock (_text)
                {
                    if (_text.Length > 0 && result.Text.Length > 0) _text.Append(' ');
                    _text.Append(result.Text);
                    _lastFinalAt = _time.GetUtcNow();
                }
                Interlocked.Increment(ref _finals);
                _finalArrived.Release();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            _post(new PipelineFailed(e));
        }
    }

    private readonly record struct Command(byte[]? Audio, DateTimeOffset? EndOfSpeech, bool Discard);
}
