using System.Net.Sockets;

namespace BotPbx.Asterisk;

/// <summary>One accepted connection as a protocol sees it: the socket, and the slot it holds against the session limit.</summary>
/// <param name="Socket">Owned by the server: it is disposed when the connection's task ends.</param>
/// <param name="Slot">Release it as soon as the call is over (the handler returned), even if the socket lingers.</param>
internal readonly record struct AcceptedConnection(Socket Socket, SessionSlot Slot);

/// <summary>
/// A place under the session limit. A FastAGI call is over when its handler returns, but the socket then waits up to
/// <c>CloseTimeout</c> for Asterisk's last HANGUP: counting that tail against the limit refused calls at exactly the
/// default limit in a closed loop (issue 13). <see cref="Release"/> is idempotent; the server releases at the latest
/// when the connection's task ends.
/// </summary>
internal sealed class SessionSlot(Action release)
{
    private int _released;

    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release();
    }
}
