using System.Globalization;
using BotPbx.Asterisk.Ami;
using BotPbx.Asterisk.Ari;

namespace BotPbx.Api.Problems;

/// <summary>
/// Every way a call to Asterisk can fail, in one place, so no endpoint answers 500 for them: each becomes
/// 503 <c>asterisk_unavailable</c> with a message saying which kind of failure it was (see <see cref="ProblemExceptionHandler"/>).
/// The families are those of <c>BotPbx.Asterisk</c>: AMI transport (<see cref="AmiConnectionException"/>, incl. a
/// broken connection caused by an <see cref="AmiProtocolException"/>), AMI login refused, what Asterisk reported
/// (<see cref="AmiActionException"/>), AMI timeouts (<see cref="AmiTimeoutException"/>); ARI reported errors
/// (<see cref="AriException"/>), transport (<see cref="AriTransportException"/>), protocol
/// (<see cref="AriProtocolException"/>) and timeouts (<see cref="AriTimeoutException"/>).
/// </summary>
public static class AsteriskFailures
{
    /// <summary>True for any failure of the AMI or ARI client.</summary>
    public static bool IsAsteriskFailure(Exception exception) => Describe(exception) is not null;

    /// <summary>The message for the caller, or null when <paramref name="exception"/> is not an Asterisk failure.</summary>
    /// <remarks>Asterisk's own words (e.g. "Permission denied") are safe to show: they carry no secret, and they say what to fix.</remarks>
    public static string? Describe(Exception exception) => exception switch
    {
        AmiTimeoutException t => string.Create(CultureInfo.InvariantCulture,
            $"Asterisk did not answer the AMI action {t.Action} within {t.Timeout.TotalSeconds:0.#} s. Try again shortly."),
        AmiAuthenticationException => "Asterisk refuses BotPBX's AMI login; check AMI_USER and AMI_SECRET against manager.conf.",
        AmiActionException a => $"Asterisk refused the AMI action {a.Action}: {a.AsteriskMessage ?? "no reason given"}.",
        AmiProtocolException => "Asterisk's AMI answer could not be understood; the connection is being re-established. Try again shortly.",
        AmiException => "Asterisk cannot be reached over AMI right now (not connected, or the connection was lost). Try again shortly.",
        AriException a => $"Asterisk refused the ARI request {a.Method} {a.Path}: {a.AsteriskMessage ?? "no reason given"}.",
        AriTransportException => "Asterisk cannot be reached over ARI right now. Try again shortly.",
        AriProtocolException => "Asterisk's ARI answer could not be understood. Try again shortly.",
        AriTimeoutException => "Asterisk did not answer the ARI request in time. Try again shortly.",
        _ => null,
    };
}
