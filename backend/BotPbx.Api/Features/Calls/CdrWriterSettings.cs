using BotPbx.Api.Configuration;
using BotPbx.Data;
using BotPbx.Telephony.Model;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.Calls;

/// <summary>The cdr_pgsql connection BotPBX renders (<see cref="CdrDatabase"/>), from its own database URL and <see cref="CdrWriterOptions"/>.</summary>
public sealed class CdrWriterSettings(IOptions<CdrWriterOptions> options, IConfiguration configuration)
{
    public string Role => options.Value.User;

    public bool Configured => !string.IsNullOrEmpty(options.Value.Password);

    /// <summary>Null when no password is configured (the rendered cdr_pgsql.conf then says so, and Asterisk logs nothing).</summary>
    public CdrDatabase? ForAsterisk()
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.Password) || DatabaseOptions.Resolve(configuration) is not { Length: > 0 } url) return null;
        var own = PostgresConnectionString.Parse(url);
        return new CdrDatabase
        {
            Host = string.IsNullOrEmpty(o.Host) ? own.Host ?? "127.0.0.1" : o.Host,
            Port = o.Port ?? own.Port,
            Database = own.Database ?? "botpbx",
            User = o.User,
            Password = o.Password,
        };
    }
}
