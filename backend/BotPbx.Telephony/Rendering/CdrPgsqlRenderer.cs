namespace BotPbx.Telephony.Rendering;

/// <summary>
/// cdr_pgsql.conf: Asterisk writes every call detail record straight into BotPBX's database (table cdr_raw), as a
/// role that may only INSERT there, so calls are recorded while BotPBX itself is stopped (docs/call-logs.md).
/// timezone=UTC only matters for text date columns; cdr_raw's are float8, which cdr_pgsql fills with epoch seconds
/// (cdr/cdr_pgsql.c, pgsql_log). Without a configured role the file has no [global] section and cdr_pgsql declines
/// to load ("contains no global section"), which is the honest state: no call log.
/// </summary>
internal static class CdrPgsqlRenderer
{
    public static ConfFile Render(RenderIndex index)
    {
        var file = new ConfFile("cdr_pgsql.conf");
        if (index.Options.CdrDatabase is not { } db || db.Password.Length == 0)
        {
            file.Comment("no CDR database role configured (CDR_DB_PASSWORD): Asterisk writes no call log");
            return file;
        }
        file.Section("global")
            .Set("hostname", db.Host).Set("port", db.Port).Set("dbname", db.Database)
            .Set("user", db.User).Set("password", db.Password)
            .Set("appname", "asterisk-cdr").Set("table", db.Table)
            .Set("encoding", "UTF8").Set("timezone", "UTC");
        return file;
    }
}
