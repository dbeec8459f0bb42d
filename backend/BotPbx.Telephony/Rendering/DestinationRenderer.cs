using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// The dialplan applications that send a call to a <see cref="Destination"/>. Every sequence ends the call's path
/// (a Goto or a Hangup), so a caller never falls through into the next block.
/// </summary>
internal static class DestinationRenderer
{
    /// <summary>FastAGI server of BotPbx.Ivr (DESIGN.md): the path names the flow.</summary>
    public const string IvrAgiBase = "agi://127.0.0.1:4573/ivr/";

    /// <summary>ARI application that owns AI-agent calls: it answers, opens AudioSocket media and can transfer.</summary>
    public const string StasisApp = "botpbx";

    public static IReadOnlyList<string> Apps(Destination destination, RenderIndex index)
    {
        var target = destination.Target ?? "";
        return destination.Type switch
        {
            DestinationType.Extension =>
                [$"Goto(botpbx-extensions,{Dialplan.T(Ext(target, index).Number)},1)"],
            DestinationType.Voicemail =>
                [$"VoiceMail({Dialplan.T(Ext(target, index).Number)}@botpbx,u)", "Hangup()"],
            DestinationType.RingGroup =>
                [$"Goto(botpbx-ringgroups,{Dialplan.T(index.RingGroupsById[Id(target)].Number)},1)"],
            DestinationType.Queue =>
                [$"Goto(botpbx-queues,{Dialplan.T(index.QueuesById[Id(target)].Number)},1)"],
            DestinationType.Conference =>
                [$"Goto(botpbx-conferences,{Dialplan.T(index.ConferencesById[Id(target)].Number)},1)"],
            DestinationType.TimeCondition =>
                [$"Goto({RenderIndex.TimeConditionContext(Id(target))},s,1)"],
            DestinationType.Ivr =>
                ["Answer()", $"AGI({IvrAgiBase}{Dialplan.T(target)})", "Hangup()"],
            // Stasis(botpbx,agent,<id>): the ARI side bridges the caller to an AudioSocket external-media channel.
            DestinationType.AiAgent =>
                ["Answer()", $"Stasis({StasisApp},agent,{Dialplan.T(target)})", "Hangup()"],
            // Through the outbound routes, so trunk choice, failover and permissions stay in one place.
            DestinationType.External =>
                [$"Goto(botpbx-outbound,{Dialplan.T(target)},1)"],
            DestinationType.Hangup => ["Hangup()"],
            _ => throw new UnsafeConfigValueException("unknown destination type " + destination.Type),
        };
    }

    private static Extension Ext(string target, RenderIndex index) => index.ExtensionsById[Id(target)];

    private static long Id(string target) =>
        long.Parse(target, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}
