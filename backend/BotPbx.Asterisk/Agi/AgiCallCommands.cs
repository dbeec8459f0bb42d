using System.Text;

namespace BotPbx.Asterisk.Agi;

/// <summary>Dialplan applications and call control: EXEC, HANGUP, SET CALLERID, VERBOSE.</summary>
public static class AgiCallCommands
{
    /// <summary>The value EXEC returns for an application Asterisk does not know (fixture env-and-commands).</summary>
    public const int ApplicationNotFound = -2;

    /// <summary>
    /// EXEC with the application's data as one raw string (<c>"PJSIP/1001,30,tT"</c>): Asterisk passes only one argument
    /// to the application (res_agi.c handle_exec uses argv[2]), so the data is always sent as one quoted word.
    /// Waits without a timeout: Dial, Queue or AudioSocket last as long as the call. Returns the application's result
    /// (0 success, -1 hang-up); an unknown application throws <see cref="AgiApplicationNotFoundException"/>.
    /// </summary>
    public static async Task<int> ExecAsync(this IAgiChannel channel, string application, string data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var command = $"EXEC {AgiCommandText.Word(application, nameof(application))} {AgiCommandText.Quote(data)}";
        var reply = await channel.SendCommandAsync(command, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        var code = AgiReplyChecks.Code(command, reply);
        return code == ApplicationNotFound ? throw new AgiApplicationNotFoundException(command, reply) : code;
    }

    /// <summary>
    /// EXEC with separate arguments (<c>Goto</c>: context, extension, priority). Each argument is escaped for Asterisk's
    /// application argument splitter (app.c ast_app_separate_args: ',' separates, quotes group, brackets and parentheses
    /// nest, a backslash makes the next character literal), so a value holding a comma stays one argument.
    /// </summary>
    public static Task<int> ExecAsync(
        this IAgiChannel channel, string application, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return channel.ExecAsync(application, JoinApplicationArguments(arguments), cancellationToken);
    }

    /// <summary>HANGUP of this channel. A channel that is already gone (511 after the caller hung up) counts as done.</summary>
    public static async Task HangupAsync(this IAgiChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        const string command = "HANGUP";
        var reply = await channel.SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        if (reply.Status == AgiReply.DeadChannel) return;
        AgiReplyChecks.EnsureSuccess(command, reply);
    }

    /// <summary>
    /// SET CALLERID as one quoted argument <c>"\"Bot PBX\" &lt;5551234&gt;"</c>: unquoted, Asterisk splits at the space
    /// and keeps only the name (fixture env-and-commands: <c>SET CALLERID "Bot PBX" &lt;5551234&gt;</c> gave <c>"Bot PBX" &lt;&gt;</c>).
    /// </summary>
    public static async Task SetCallerIdAsync(this IAgiChannel channel, string? name, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(number);
        if (name is not null && name.AsSpan().IndexOfAny("\"<>") >= 0)
        {
            throw new ArgumentException("A caller ID name may not contain '\"', '<' or '>'.", nameof(name));
        }
        if (number.AsSpan().IndexOfAny("\"<> \t") >= 0)
        {
            throw new ArgumentException("A caller ID number may not contain quotes, angle brackets or spaces.", nameof(number));
        }
        var callerId = string.IsNullOrEmpty(name) ? $"<{number}>" : $"\"{name}\" <{number}>";
        var command = $"SET CALLERID {AgiCommandText.Quote(callerId)}";
        var reply = await channel.SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        AgiReplyChecks.EnsureSuccess(command, reply);
    }

    /// <summary>VERBOSE: writes <paramref name="message"/> to the Asterisk console at <paramref name="level"/> (1–4).</summary>
    public static async Task VerboseAsync(this IAgiChannel channel, string message, int level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 4);
        var command = $"VERBOSE {AgiCommandText.Quote(message)} {AgiCommandText.Number(level)}";
        var reply = await channel.SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        AgiReplyChecks.EnsureSuccess(command, reply);
    }

    internal static string JoinApplicationArguments(IReadOnlyList<string> arguments)
    {
        var data = new StringBuilder();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (i > 0) data.Append(',');
            foreach (var c in arguments[i] ?? throw new ArgumentException("An argument is null.", nameof(arguments)))
            {
                if (c is ',' or '\\' or '"' or '(' or ')' or '[' or ']') data.Append('\\');
                data.Append(c);
            }
        }
        return data.ToString();
    }
}
