using System.Net.Sockets;
using Npgsql;

namespace BotPbx.Data;

/// <summary>Tells "the database is not reachable right now" apart from errors in a query.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// True when the exception means PostgreSQL could not be reached or dropped the connection (network, shutdown,
    /// too many connections, pool exhausted) — the request may succeed once it is back. A constraint violation or a
    /// syntax error is not.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // Class 08 connection exception, 57P01-57P03 admin shutdown / crash / cannot connect now,
                    // 53300 too many connections.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) ||
                           pg.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>The most specific, password-free reason to put in a log line.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var innermost = exception;
        while (innermost.InnerException is not null && innermost is not PostgresException)
        {
            innermost = innermost.InnerException;
        }
        return innermost is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : innermost.Message;
    }
}
