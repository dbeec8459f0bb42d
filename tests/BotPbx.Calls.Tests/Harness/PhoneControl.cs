using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>
/// baresip's ctrl_tcp interface: netstring-framed JSON (<c>LEN:{...},</c>) both ways. Commands carry a token that
/// the response repeats; events (registration, call state) arrive unasked on the same socket.
/// </summary>
public sealed partial class PhoneControl : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly Dictionary<string, TaskCompletionSource<JsonObject>> _pending = [];
    private readonly List<JsonObject> _history = [];
    private readonly Task _reader;
    private readonly CancellationTokenSource _stop = new();
    private int _nextToken;

    private PhoneControl(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = Task.Run(ReadLoopAsync);
    }

    public static async Task<PhoneControl> ConnectAsync(int port, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var tcp = new TcpClient();
            try
            {
                await tcp.ConnectAsync("127.0.0.1", port, cancellationToken);
                return new PhoneControl(tcp);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                tcp.Dispose();
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Where every message from the phone is appended, for the logs a failed test leaves.</summary>
    public string? RawLog { get; set; }

    /// <summary>Every event seen so far, oldest first.</summary>
    public IReadOnlyList<JsonObject> History
    {
        get { lock (_history) return [.. _history]; }
    }

    public async Task<JsonObject> CommandAsync(string command, string parameters = "", CancellationToken cancellationToken = default)
    {
        var token = "t" + Interlocked.Increment(ref _nextToken);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[token] = answer;
        var json = new JsonObject { ["command"] = command, ["params"] = parameters, ["token"] = token }.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json);
        var frame = Encoding.ASCII.GetBytes(bytes.Length + ":").Concat(bytes).Append((byte)',').ToArray();
        await _stream.WriteAsync(frame, cancellationToken);
        try
        {
            // Generous: on a loaded two-core CI machine a phone busy with media can take seconds to answer.
            return await answer.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the phone did not answer the command '{command} {parameters}' within 30 s");
        }
    }

    /// <summary>Waits for the next event matching <paramref name="match"/>, including ones already seen and not yet taken.</summary>
    public async Task<JsonObject> WaitForEventAsync(Func<JsonObject, bool> match, TimeSpan limit, string what,
        CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(timeout.Token);
                if (match(e)) return e;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seen = string.Join("\n  ", History.Select(e => $"{e["class"]}/{e["type"]} {e["param"]}"));
            throw new TimeoutException($"no {what} within {limit}; events seen:\n  {seen}");
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await _stream.ReadAsync(chunk, _stop.Token);
                if (read == 0) break;
                buffer.AddRange(chunk.AsSpan(0, read));
                while (TryTakeNetstring(buffer, out var payload))
                {
                    if (RawLog is { } raw) await File.AppendAllTextAsync(raw, payload + "\n");
                    try
                    {
                        Dispatch(JsonNode.Parse(payload) as JsonObject);
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        // baresip does not escape every parameter it echoes; one bad event must not stop the phone's
                        // stream, and a command whose answer is unparseable must still be answered.
                        if (UnparseableResponseToken().Match(payload) is { Success: true } m) Complete(m.Groups[1].Value, new JsonObject());
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The phone went away; waiters time out with what was seen.
        }
    }

    private void Dispatch(JsonObject? message)
    {
        if (message is null) return;
        if (message["response"]?.GetValue<bool>() == true && message["token"]?.GetValue<string>() is { } token)
        {
            Complete(token, message);
            return;
        }
        lock (_history) _history.Add(message);
        _events.Writer.TryWrite(message);
    }

    private void Complete(string token, JsonObject answer)
    {
        TaskCompletionSource<JsonObject>? waiter;
        lock (_pending) _pending.Remove(token, out waiter);
        waiter?.TrySetResult(answer);
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"response\"\\s*:\\s*true.*\"token\"\\s*:\\s*\"(t[0-9]+)\"", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex UnparseableResponseToken();

    /// <summary>A netstring is <c>LEN:payload,</c>; false while the buffer holds only part of one.</summary>
    internal static bool TryTakeNetstring(List<byte> buffer, out string payload)
    {
        payload = "";
        var colon = buffer.IndexOf((byte)':');
        if (colon < 0) return false;
        var length = int.Parse(Encoding.ASCII.GetString(buffer.GetRange(0, colon).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
        if (buffer.Count < colon + 1 + length + 1) return false;
        payload = Encoding.UTF8.GetString(buffer.GetRange(colon + 1, length).ToArray());
        buffer.RemoveRange(0, colon + 1 + length + 1);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }
}
