namespace BotPbx.Asterisk.Agi;

/// <summary>Channel variables. Values are sent as one quoted argument, so a caller's input can never break the command.</summary>
public static class AgiVariableCommands
{
    /// <summary>SET VARIABLE: the value is stored exactly, quotes, semicolons and commas included (fixture env-and-commands).</summary>
    public static async Task SetVariableAsync(this IAgiChannel channel, string name, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var command = $"SET VARIABLE {AgiCommandText.Word(name, nameof(name))} {AgiCommandText.Quote(value)}";
        var reply = await channel.SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        AgiReplyChecks.EnsureSuccess(command, reply);
    }

    /// <summary>GET VARIABLE: null when unset (<c>200 result=0</c>), "" when set but empty (<c>result=1 ()</c>).</summary>
    public static async Task<string?> GetVariableAsync(this IAgiChannel channel, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var command = $"GET VARIABLE {AgiCommandText.Word(name, nameof(name))}";
        var reply = await channel.SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.Code(command, reply) == 1 ? reply.Data ?? "" : null;
    }

    /// <summary>
    /// GET FULL VARIABLE: evaluates an expression such as <c>${CALLERID(num)}</c>. An unset variable evaluates to ""
    /// (<c>result=1 ()</c>); null means the channel named in <paramref name="channelName"/> does not exist.
    /// The expression is evaluated by Asterisk, so it must never be built from a caller's input.
    /// </summary>
    public static async Task<string?> GetFullVariableAsync(
        this IAgiChannel channel, string expression, CancellationToken cancellationToken, string? channelName = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var command = $"GET FULL VARIABLE {AgiCommandText.Quote(expression)}";
        if (channelName is not null) command += " " + AgiCommandText.Quote(channelName);
        var reply = await channel.SendCommandAsync(command, cancellationToken).ConfigureAwait(false);
        return AgiReplyChecks.Code(command, reply) == 1 ? reply.Data ?? "" : null;
    }
}
