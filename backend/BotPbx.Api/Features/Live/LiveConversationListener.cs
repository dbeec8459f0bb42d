using System.Collections.Concurrent;
using BotPbx.Voice.Agents;

namespace BotPbx.Api.Features.Live;

/// <summary>
/// Streams AI agent conversations as seed 003's agent.conversation events: one event per agent reply, carrying the
/// caller's words that led to it (<c>user_text</c>) and the reply (<c>agent_text</c>). The call is found from the
/// conversation's channel in the live model; a conversation without a call (the page's try-it chat) has the
/// conversation id as call_id. Seen by admins and supervisors, and by the agents whose extension is on that call.
/// </summary>
public sealed class LiveConversationListener(ILiveEvents events, LiveFeed feed, TimeProvider time) : IConversationListener
{
    private readonly ConcurrentDictionary<long, Conversation> _open = new();

    public void OnStarted(long conversationId, ConversationStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _open[conversationId] = new Conversation(start.AgentId, start.Channel);
    }

    public void OnTurn(long conversationId, string agentId, ConversationTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var conversation = _open.GetOrAdd(conversationId, _ => new Conversation(agentId, null));
        if (turn.Role == "caller")
        {
            lock (conversation) conversation.PendingUserText = string.IsNullOrEmpty(conversation.PendingUserText) ? turn.Text : conversation.PendingUserText + " " + turn.Text;
            return;
        }
        if (turn.Role != "agent") return;
        string userText;
        lock (conversation)
        {
            userText = conversation.PendingUserText;
            conversation.PendingUserText = "";
        }
        var callId = conversation.Channel is { } channel ? feed.Model.CallIdOfChannel(channel) : null;
        var call = callId is null ? null : feed.Model.FindCall(callId);
        var data = new AgentConversationData(callId ?? conversationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            agentId, turn.Index, userText, turn.Text, conversationId, time.GetUtcNow());
        events.Publish(new LiveEvent("agent.conversation", data, LiveAudience.StaffAnd(call?.Extensions ?? []), $"agent.{agentId}.conversation"));
    }

    public void OnEnded(long conversationId, string agentId, ConversationEnd outcome) => _open.TryRemove(conversationId, out _);

    private sealed class Conversation(string agentId, string? channel)
    {
        public string AgentId { get; } = agentId;
        public string? Channel { get; } = channel;
        public string PendingUserText { get; set; } = "";
    }
}
