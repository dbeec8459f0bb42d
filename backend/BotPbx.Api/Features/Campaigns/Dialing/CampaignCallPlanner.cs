using System.Globalization;
using System.Text.Json;
using BotPbx.Asterisk.Ami;
using BotPbx.Ivr.Prompts;
using BotPbx.Telephony.Rendering;

namespace BotPbx.Api.Features.Campaigns.Dialing;

/// <summary>
/// The Originate for one claimed contact: the trunk channel, caller ID, ring timeout, and the channel variables the
/// botpbx-campaign context reads (CampaignDialplan). Contact variables travel as BOTPBX_VAR_&lt;name&gt; for IVRs;
/// an AI agent reads them exactly from the database through BOTPBX_CAMPAIGN_CONTACT (CampaignPromptVariables).
/// </summary>
public sealed class CampaignCallPlanner(PromptCache prompts, IIvrRecordings recordings)
{
    public async Task<AmiOriginateRequest> PlanAsync(Campaign campaign, ClaimedCall call, CampaignTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(call);
        var s = campaign.Settings;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BOTPBX_CAMPAIGN_ATTEMPT"] = call.AttemptId.ToString("N"),
            ["BOTPBX_CAMPAIGN_CONTACT"] = call.ContactId.ToString(CultureInfo.InvariantCulture),
            ["BOTPBX_CAMPAIGN_ID"] = campaign.Id.ToString(CultureInfo.InvariantCulture),
            ["BOTPBX_CAMPAIGN_DEST"] = target.DestinationCode,
        };
        if (target.QueueNumber is { } queue) variables["BOTPBX_CAMPAIGN_QUEUE"] = queue;
        if (s.Amd.Enabled)
        {
            variables["BOTPBX_CAMPAIGN_AMD"] = "1";
            var args = s.Amd.Arguments();
            for (var i = 0; i < args.Count; i++) variables["BOTPBX_AMD_" + (i + 1).ToString(CultureInfo.InvariantCulture)] = args[i];
        }
        if (await VoicemailFileAsync(s.OnVoicemail, cancellationToken) is { } file) variables["BOTPBX_CAMPAIGN_VM"] = file;
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(call.Variables) ?? [])
            variables["BOTPBX_VAR_" + name] = ChannelSafe(value);
        return new AmiOriginateRequest($"PJSIP/{call.Phone}@{AsteriskNames.TrunkSection(s.TrunkId)}")
        {
            Context = DialplanContexts.Campaign,
            Exten = "s",
            Priority = 1,
            Timeout = TimeSpan.FromSeconds(s.AnswerTimeoutSeconds),
            CallerId = $"<{s.CallerId}>",
            ChannelId = call.AttemptId.ToString("N"),
            Variables = variables,
        };
    }

    private async Task<string?> VoicemailFileAsync(VoicemailSettings vm, CancellationToken cancellationToken)
    {
        if (vm.Action != "playRecording") return null;
        if (!string.IsNullOrEmpty(vm.RecordingId)) return await recordings.GetPlaybackFileAsync(vm.RecordingId, cancellationToken);
        return string.IsNullOrWhiteSpace(vm.Text) ? null : (await prompts.GetAsync(null, null, vm.Text, cancellationToken)).PlaybackFile;
    }

    /// <summary>Originate's Variable header is split on commas (manager.c) and quotes/backslashes are parsed: they are replaced.</summary>
    internal static string ChannelSafe(string value) =>
        string.Create(value.Length, value, (span, v) =>
        {
            for (var i = 0; i < v.Length; i++) span[i] = v[i] is ',' or '"' or '\\' or '\r' or '\n' ? ' ' : v[i];
        });
}
