using BotPbx.Api.Configuration;

namespace BotPbx.Api.Features.Calls;

/// <summary>
/// The PostgreSQL role Asterisk's cdr_pgsql logs in as (docs/call-logs.md). The installer creates it with a generated
/// password and writes both here; it may only INSERT into cdr_raw (BotPBX grants that at start-up). Host, port and
/// database are BotPBX's own (BOTPBX_DATABASE_URL) unless set: Asterisk shares the machine's loopback.
/// </summary>
public sealed class CdrWriterOptions
{
    [EnvironmentVariable("CDR_DB_USER")]
    public string User { get; set; } = "botpbx_cdr";

    /// <summary>Never logged, never returned by the API. Empty: no call log (cdr_pgsql is left unconfigured).</summary>
    [EnvironmentVariable("CDR_DB_PASSWORD")]
    public string? Password { get; set; }

    /// <summary>Where Asterisk reaches PostgreSQL, when not where BotPBX does.</summary>
    [EnvironmentVariable("CDR_DB_HOST")]
    public string? Host { get; set; }

    [EnvironmentVariable("CDR_DB_PORT")]
    public int? Port { get; set; }

    /// <summary>How often the reconciler looks for new CDR rows.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Raw rows claimed per reconciler transaction.</summary>
    public int BatchSize { get; set; } = 2000;
}
