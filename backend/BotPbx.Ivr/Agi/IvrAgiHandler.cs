using System.Text.RegularExpressions;
using BotPbx.Asterisk.Agi;
using BotPbx.Ivr.Runtime;
using Microsoft.Extensions.Logging;

namespace BotPbx.Ivr.Agi;

/// <summary>
/// The FastAGI entry point of IVRs: the dialplan's <c>AGI(agi://127.0.0.1:4573/ivr/&lt;id&gt;)</c> arrives as path
/// <c>ivr/&lt;id&gt;</c> (fixture fastagi-sip-6011-path-and-args), and the interpreter runs that IVR's published version.
/// </summary>
public sealed partial class IvrAgiHandler(IvrInterpreter interpreter, IvrOptions options, ILogger<IvrAgiHandler> logger)
{
    public const string Route = BotPbx.Telephony.Rendering.DialplanContexts.IvrAgiPath + "{id}";

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IvrIdPattern();

    /// <summary>Registers <see cref="Route"/> on the FastAGI router.</summary>
    public AgiRouter Map(AgiRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        return router.Map(Route, HandleAsync);
    }

    public async Task HandleAsync(IAgiChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var id = channel.RouteValues.TryGetValue("id", out var value) ? value : "";
        if (!IvrIdPattern().IsMatch(id))
        {
            // Same answer as an unpublished IVR: the caller hears the fallback rather than silence.
            IvrLog.UnknownScript(logger, channel.Request.Script);
            id = "-";
        }
        await interpreter.RunPublishedAsync(new AgiIvrChannel(channel, options.HangupGrace), id, cancellationToken).ConfigureAwait(false);
    }
}
