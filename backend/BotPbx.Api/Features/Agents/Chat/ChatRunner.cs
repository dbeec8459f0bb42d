using System.Text;
using BotPbx.Voice.Agents;
using BotPbx.Voice.Providers;
using BotPbx.Voice.Tools;

namespace BotPbx.Api.Features.Agents.Chat;

/// <summary>
/// Answers one try-it message the way a call would: the same system prompt (variables filled in), the same tools
/// (AgentTools), the same LLM client from the provider factory; text instead of audio. Each turn is saved like a
/// call's, with the LLM's first-token mark (speech marks stay empty: there is no speech).
/// </summary>
public sealed partial class ChatRunner(IProviderFactory providers, IConversationStore store, FunctionCaller functions, TimeProvider time,
    ILogger<ChatRunner> logger)
{
    /// <summary>Rounds of tool calls answered before the model must reply in words.</summary>
    public const int MaxToolRounds = 4;

    public async Task RunAsync(ChatSession session, string text, Func<ChatEvent, Task> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(emit);
        var agent = session.Agent;
        var received = time.GetUtcNow();
        session.History.Add(new ChatMessage(ChatRole.User, text));
        await SaveAsync(session, new ConversationTurn(session.NextIndex++, "caller", text, received), cancellationToken);
        session.CallerTurns++;
        var endPhrase = agent.EndCallPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

        var llm = providers.CreateLlm(agent.Llm);
        var tools = new AgentTools(agent, new ChatCallControl(), functions);
        for (var round = 0; round <= MaxToolRounds; round++)
        {
            var started = time.GetUtcNow();
            DateTimeOffset? firstToken = null;
            var said = new StringBuilder();
            var calls = new List<ToolCall>();
            string? finish = null;
            var offerTools = round < MaxToolRounds ? tools.Definitions : [];
            try
            {
                await foreach (var delta in llm.StreamAsync(new LlmRequest(agent.Model, session.History, offerTools, agent.Temperature, agent.MaxTokens),
                                   cancellationToken))
                {
                    switch (delta)
                    {
                        case LlmTextDelta t:
                            firstToken ??= time.GetUtcNow();
                            said.Append(t.Text);
                            await emit(new ChatText(t.Text));
                            break;
                        case LlmToolCallDelta c:
                            firstToken ??= time.GetUtcNow();
                            calls.Add(c.Call);
                            break;
                        case LlmDone d:
                            finish = d.FinishReason;
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Any provider failure is told to the admin; the chat stays usable.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ProviderFailed(logger, session.AgentId, agent.Llm.Kind, e);
                // Drop the unanswered message so a retry does not send it twice.
                if (round == 0 && said.Length == 0) session.History.RemoveAt(session.History.Count - 1);
                await emit(new ChatError($"The {agent.Llm.Kind} provider failed: {e.Message}"));
                return;
            }

            session.History.Add(new ChatMessage(ChatRole.Assistant, said.Length > 0 ? said.ToString() : null, calls.Count > 0 ? calls : null));
            if (said.Length > 0)
                await SaveAsync(session, new ConversationTurn(session.NextIndex++, "agent", said.ToString(), time.GetUtcNow(),
                    Timings: new TurnTimings(received, null, firstToken, null, null)), cancellationToken);
            if (calls.Count == 0)
            {
                await emit(new ChatDone(finish, firstToken is { } f ? Ms(started, f) : null, Ms(received, time.GetUtcNow())));
                if (endPhrase) await EndAsync(session, new ConversationEnd("completed", time.GetUtcNow()), emit, cancellationToken);
                else if (session.CallerTurns >= agent.MaxTurns) await EndAsync(session, new ConversationEnd("max-turns", time.GetUtcNow()), emit, cancellationToken);
                return;
            }

            foreach (var call in calls)
            {
                var outcome = await tools.RunAsync(call, cancellationToken);
                var executed = agent.Functions.Any(f => f.Name == call.Name) && call.Name is not (AgentTools.Transfer or AgentTools.HangUp or AgentTools.SendDtmf);
                session.History.Add(new ChatMessage(ChatRole.Tool, outcome.ResultJson, ToolCallId: call.Id));
                await SaveAsync(session, new ConversationTurn(session.NextIndex++, "tool", "", time.GetUtcNow(), call.Name, call.ArgumentsJson,
                    outcome.ResultJson), cancellationToken);
                await emit(new ChatTool(call.Name, call.ArgumentsJson, outcome.ResultJson, executed));
                if (outcome.Action == ToolAction.Transfer)
                {
                    await emit(new ChatDone(finish, firstToken is { } f ? Ms(started, f) : null, Ms(received, time.GetUtcNow())));
                    await EndAsync(session, new ConversationEnd("transferred", time.GetUtcNow(), outcome.Target?.Name), emit, cancellationToken);
                    return;
                }
                if (outcome.Action == ToolAction.HangUp)
                {
                    await emit(new ChatDone(finish, firstToken is { } f ? Ms(started, f) : null, Ms(received, time.GetUtcNow())));
                    await EndAsync(session, new ConversationEnd("completed", time.GetUtcNow()), emit, cancellationToken);
                    return;
                }
            }
        }
    }

    private async Task EndAsync(ChatSession session, ConversationEnd end, Func<ChatEvent, Task> emit, CancellationToken cancellationToken)
    {
        session.Ended = true;
        await store.EndAsync(session.ConversationId, end, cancellationToken);
        await emit(new ChatEnded(end.Outcome, end.TransferredTo));
    }

    private Task SaveAsync(ChatSession session, ConversationTurn turn, CancellationToken cancellationToken) =>
        store.AddTurnAsync(session.ConversationId, turn, cancellationToken);

    private static double Ms(DateTimeOffset from, DateTimeOffset to) => Math.Round((to - from).TotalMilliseconds, 1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Try-it chat of agent {AgentId}: the {Kind} LLM provider failed")]
    private static partial void ProviderFailed(ILogger logger, long agentId, string kind, Exception exception);
}
