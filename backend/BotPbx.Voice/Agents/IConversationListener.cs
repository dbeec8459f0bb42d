namespace BotPbx.Voice.Agents;

/// <summary>
/// Told of every conversation event after it is saved, so the live feed can stream it as seed 003's
/// agent.conversation event. The conversation store calls every registered listener; a listener must not throw or block.
/// </summary>
public interface IConversationListener
{
    void OnStarted(long conversationId, ConversationStart start);

    void OnTurn(long conversationId, string agentId, ConversationTurn turn);

    void OnEnded(long conversationId, string agentId, ConversationEnd outcome);
}
