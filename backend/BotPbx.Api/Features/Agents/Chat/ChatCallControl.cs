using BotPbx.Voice.Agents;
using BotPbx.Voice.Tools;

namespace BotPbx.Api.Features.Agents.Chat;

/// <summary>
/// A try-it chat has no phone line: transfer, hang-up and DTMF are shown to the admin, never done. The tools still
/// decide them exactly as in a call (AgentTools), so the chat shows what a call would do.
/// </summary>
public sealed class ChatCallControl : ICallControl
{
    public Task<TransferResult> TransferAsync(TransferTarget target, string? summary, Func<string, CancellationToken, Task> speak,
        CancellationToken cancellationToken) => Task.FromResult(TransferResult.Done);

    public Task HangupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendDtmfAsync(string digits, CancellationToken cancellationToken) => Task.CompletedTask;
}
