using BotPbx.Telephony.Model;
using BotPbx.Telephony.Sounds;

namespace BotPbx.Telephony.Rendering;

/// <summary>
/// The dialplan applications that send a call to a <see cref="Destination"/>. Every sequence ends the call's path
/// (a Goto or a Hangup), so a caller never falls through into the next block.
/// </summary>
internal static class DestinationRenderer
{
    /// <summary>ARI application that owns AI-agent calls: it answers, opens AudioSocket media and can transfer.</summary>
    public const string StasisApp = "botpbx";

    public static IReadOnlyList<string> Apps(Destination destination, RenderIndex index)
    {
        var target = destination.Target ?? "";
        return destination.Type switch
        {
            DestinationType.Extension =>
                [$"Goto({DialplanContexts.Extensions},{Dialplan.T(Ext(target, index).Number)},1)"],
            DestinationType.Voicemail =>
                [$"VoiceMail({Dialplan.T(Ext(target, index).Number)}@{DialplanContexts.Mailboxes},u)", "Hangup()"],
            DestinationType.RingGroup =>
                [$"Goto({DialplanContexts.RingGroups},{Dialplan.T(index.RingGroupsById[Id(target)].Number)},1)"],
            DestinationType.Queue =>
                [$"Goto({DialplanContexts.Queues},{Dialplan.T(index.QueuesById[Id(target)].Number)},1)"],
            DestinationType.Conference =>
                [$"Goto({DialplanContexts.Conferences},{Dialplan.T(index.ConferencesById[Id(target)].Number)},1)"],
            DestinationType.TimeCondition =>
                [$"Goto({RenderIndex.TimeConditionContext(Id(target))},s,1)"],
            // The FastAGI server of the API (RenderOptions.AgiHost/AgiPort); the path names the IVR.
            DestinationType.Ivr =>
                ["Answer()", CallLogVariables.Ivr(Dialplan.T(target)), $"AGI({IvrAgiUrl(index.Options, target)})", "Hangup()"],
            // The same hand-off an IVR's transfer uses, so an AI agent is started in one place.
            DestinationType.AiAgent =>
                [$"Goto({DialplanContexts.AiAgents},{Dialplan.T(target)},1)"],
            // Through the outbound routes, so trunk choice, failover and permissions stay in one place.
            DestinationType.External =>
                [$"Goto({DialplanContexts.Outbound},{Dialplan.T(target)},1)"],
            DestinationType.Hangup => ["Hangup()"],
            _ => throw new UnsafeConfigValueException("unknown destination type " + destination.Type),
        };
    }

    /// <summary><c>agi://host:port/ivr/&lt;id&gt;</c>: host and port are validated (IPv4, 1–65535) before rendering.</summary>
    public static string IvrAgiUrl(RenderOptions options, string ivrId) =>
        $"agi://{Dialplan.T(options.AgiHost)}:{RenderIndex.Num(options.AgiPort)}/{DialplanContexts.IvrAgiPath}{Dialplan.T(ivrId)}";

    private static Extension Ext(string target, RenderIndex index) => index.ExtensionsById[Id(target)];

    private static long Id(string target) =>
        long.Parse(target, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// botpbx-ai-agent: one extension per AI agent id. PBX destinations and IVR transfers both Goto here; the IVR sets
/// BOTPBX_AI_AGENT / BOTPBX_AI_CONTEXT first. Stasis(botpbx,agent,&lt;id&gt;) gives the call to the ARI side, which bridges
/// it to an AudioSocket external-media channel. An unknown id reaches <c>i</c>: Asterisk runs the invalid-extension
/// handler of the context instead of dropping the call silently.
/// </summary>
internal static class AiAgentDialplan
{
    public static void Render(Dialplan dp, RenderIndex index)
    {
        dp.Context(DialplanContexts.AiAgents, "AI agents by id");
        foreach (var agent in index.Configuration.AiAgentIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var id = Dialplan.T(agent);
            dp.Exten(id, "Answer()").Same($"Stasis({DestinationRenderer.StasisApp},agent,{id})").Same("Hangup()");
        }
        // BotPBX's own error prompt: Asterisk's an-error-has-occured is not in Debian's English sounds (SystemPrompts).
        dp.Exten("i", $"Playback({SystemPrompts.PathOf(index.Options.SystemSoundsDirectory, SystemPrompts.Error)})").Same("Hangup()");
    }

    /// <summary>
    /// The agents' internal numbers, in a context of their own: botpbx-ai-agent is keyed by agent id, and an id (digits)
    /// could equal another agent's number. Only agents that exist get a line (the id must be in AiAgentIds).
    /// </summary>
    public static void RenderNumbers(Dialplan dp, RenderIndex index)
    {
        dp.Context(DialplanContexts.AiAgentNumbers, "AI agents by internal number");
        var agents = index.Configuration.AiAgentIds.ToHashSet(StringComparer.Ordinal);
        foreach (var agent in index.Configuration.AiAgentNumbers.Where(a => agents.Contains(a.AgentId)).OrderBy(a => a.Number, StringComparer.Ordinal))
            dp.Exten(Dialplan.T(agent.Number), $"Goto({DialplanContexts.AiAgents},{Dialplan.T(agent.AgentId)},1)");
    }
}
