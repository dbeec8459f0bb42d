using System.Text.RegularExpressions;
using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Api.Features.Monitoring;

/// <summary>One channel Asterisk has up now (CoreShowChannel), with the extension it belongs to when it is a phone's.</summary>
public sealed record LiveChannel(string Channel, string Uniqueid, string Linkedid, string State, string CallerIdNumber, string CallerIdName,
    string ConnectedLineNumber, string ConnectedLineName, string Application, string Duration, string? Extension);

/// <summary>
/// Asterisk's channel list over AMI, and which channels may be spied on: only a channel of one of BotPBX's extensions
/// (desk phone <c>PJSIP/2001-0000002a</c> or browser phone <c>PJSIP/2001-webrtc-0000002b</c>) that exists right now.
/// The name handed to ChanSpy is always the one Asterisk listed, never the request's text.
/// </summary>
public static partial class LiveChannels
{
    [GeneratedRegex(@"\APJSIP/(?<endpoint>[0-9]{1,15}(-webrtc)?)-[0-9a-f]{8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneChannel();

    public static async Task<IReadOnlyList<LiveChannel>> ListAsync(IAmiClient ami, IReadOnlySet<string> extensionNumbers, CancellationToken cancellationToken)
    {
        var list = await ami.SendEventListAsync(new AmiAction("CoreShowChannels"), null, cancellationToken);
        list.Response.EnsureSuccess(new AmiAction("CoreShowChannels"));
        return list.Items.Where(e => e.Is("CoreShowChannel")).Select(e =>
        {
            var channel = e["Channel"] ?? "";
            return new LiveChannel(channel, e["Uniqueid"] ?? "", e["Linkedid"] ?? "", e["ChannelStateDesc"] ?? "", e["CallerIDNum"] ?? "",
                e["CallerIDName"] ?? "", e["ConnectedLineNum"] ?? "", e["ConnectedLineName"] ?? "", e["Application"] ?? "", e["Duration"] ?? "",
                ExtensionOf(channel, extensionNumbers));
        }).ToList();
    }

    /// <summary>The extension number a phone channel belongs to, or null (trunks, Local channels, unknown endpoints).</summary>
    public static string? ExtensionOf(string channel, IReadOnlySet<string> extensionNumbers)
    {
        ArgumentNullException.ThrowIfNull(extensionNumbers);
        var match = PhoneChannel().Match(channel ?? "");
        if (!match.Success) return null;
        var endpoint = match.Groups["endpoint"].Value;
        var number = endpoint.EndsWith(BrowserPhones.Suffix, StringComparison.Ordinal) ? endpoint[..^BrowserPhones.Suffix.Length] : endpoint;
        return extensionNumbers.Contains(number) ? number : null;
    }
}
