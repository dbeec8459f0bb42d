using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using BotPbx.Voice.Audio;

namespace BotPbx.Voice.Providers.Pocketsphinx;

/// <summary>One call's recogniser: a <c>pocketsphinx_continuous</c> process per utterance (see <see cref="PocketsphinxStt"/>).</summary>
internal sealed class PocketsphinxSession(string path, IReadOnlyList<string> arguments, int sampleRate, string? grammarFile) : ISttSession
{
    private const int ModelRate = 16_000;

    private readonly Channel<SttResult> _results = Channel.CreateUnbounded<SttResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Utterance? _current;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken)
    {
        if (pcm16.IsEmpty) return;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _current ??= Utterance.Start(path, arguments, _results.Writer);
            var audio = Pcm16.Resample(pcm16.Span, sampleRate, ModelRate);
            await _current.WriteAsync(audio, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        Utterance? utterance;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            utterance = _current;
            _current = null;
        }
        finally
        {
            _lock.Release();
        }
        var text = utterance is null ? "" : await utterance.FinishAsync(cancellationToken).ConfigureAwait(false);
        _results.Writer.TryWrite(new SttResult(text, IsFinal: true));
    }

    public async IAsyncEnumerable<SttResult> ResultsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var result in _results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return result;
    }

    public async ValueTask DisposeAsync()
    {
        _results.Writer.TryComplete();
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            _current?.Abandon();
            _current = null;
        }
        finally
        {
            _lock.Release();
        }
        _lock.Dispose();
        if (grammarFile is not null)
        {
            try
            {
                File.Delete(grammarFile);
            }
            catch (IOException)
            {
                // A temp file left behind is harmless.
            }
        }
    }

    /// <summary>One process: audio in on standard input, one line per inner utterance on standard output.</summary>
    private sealed class Utterance
    {
        private readonly Process _process;
        private readonly StringBuilder _text = new();
        private readonly Task _reading;
        private readonly Task<string> _errors;

        private Utterance(Process process, ChannelWriter<SttResult> interim)
        {
            _process = process;
            _errors = process.StandardError.ReadToEndAsync();
            _reading = ReadAsync(interim);
        }

        public static Utterance Start(string path, IReadOnlyList<string> arguments, ChannelWriter<SttResult> interim) =>
            new(LocalProcess.Start(path, arguments, redirectInput: true), interim);

        public async Task WriteAsync(byte[] audio, CancellationToken cancellationToken)
        {
            try
            {
                await _process.StandardInput.BaseStream.WriteAsync(audio, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"pocketsphinx stopped reading audio: {await ErrorsAsync().ConfigureAwait(false)}", e);
            }
        }

        public async Task<string> FinishAsync(CancellationToken cancellationToken)
        {
            try
            {
                _process.StandardInput.Close();
                await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (_process.ExitCode != 0) throw new InvalidOperationException($"pocketsphinx failed ({_process.ExitCode}): {await ErrorsAsync().ConfigureAwait(false)}");
                lock (_text) return _text.ToString();
            }
            finally
            {
                Abandon();
            }
        }

        public void Abandon()
        {
            LocalProcess.Kill(_process);
            _process.Dispose();
        }

        private async Task ReadAsync(ChannelWriter<SttResult> interim)
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                // Log lines go to -logfn; anything else on standard output is a hypothesis.
                var words = line.Trim();
                if (words.Length == 0 || words.StartsWith("INFO:", StringComparison.Ordinal)) continue;
                string sofar;
                lock (_text)
                {
                    if (_text.Length > 0) _text.Append(' ');
                    _text.Append(words);
                    sofar = _text.ToString();
                }
                interim.TryWrite(new SttResult(sofar, IsFinal: false));
            }
        }

        private async Task<string> ErrorsAsync()
        {
            await ((Task)_errors).WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return _errors.IsCompletedSuccessfully ? _errors.Result.Trim() : "";
        }
    }
}
