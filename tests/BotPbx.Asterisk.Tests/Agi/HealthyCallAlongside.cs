using BotPbx.Asterisk.Agi;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Asterisk.Tests.Agi;

/// <summary>
/// A server with one well-behaved call held open mid-session (route <c>healthy</c>) while a test abuses another
/// connection; <see cref="FinishHealthyCallAsync"/> then proves the healthy call still works end to end.
/// Every other path goes to the test's own handler.
/// </summary>
internal sealed class HealthyCallAlongside : IAsyncDisposable
{
    private readonly TaskCompletionSource _proceed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ScriptedAgiPeer _healthy = null!;

    private HealthyCallAlongside() { }

    public TestAgiServer Server { get; private set; } = null!;

    public static async Task<HealthyCallAlongside> StartAsync(
        AgiHandler handlerForOthers, int maxLineLength = 8192, TimeSpan? environmentTimeout = null)
    {
        var calls = new HealthyCallAlongside();
        var router = new AgiRouter()
            .Map("healthy", calls.RunHealthyAsync)
            .Map("{*other}", handlerForOthers);
        calls.Server = await TestAgiServer.StartAsync(router, options =>
        {
            options.MaxLineLength = maxLineLength;
            options.EnvironmentTimeout = environmentTimeout ?? options.EnvironmentTimeout;
        });
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        calls._healthy = new ScriptedAgiPeer(new() { Script = "healthy" }).OnCommand(command =>
        {
            if (command == "ANSWER") answered.TrySetResult();
            return command.StartsWith("GET VARIABLE", StringComparison.Ordinal) ? "200 result=1 (still fine)" : "200 result=0";
        });
        await calls._healthy.ConnectAsync(calls.Server.EndPoint, CancellationToken.None);
        await answered.Task.WaitAsync(TestAgiServer.Patience);
        return calls;
    }

    /// <summary>Lets the healthy call run its remaining commands and checks their answers and its clean end.</summary>
    public async Task FinishHealthyCallAsync()
    {
        _proceed.SetResult();
        Assert.Equal("still fine", await _result.Task.WaitAsync(TestAgiServer.Patience));
        await _healthy.Completion.WaitAsync(TestAgiServer.Patience);
        Assert.Equal(["ANSWER", "GET VARIABLE STATE"], _healthy.Commands);
    }

    public async ValueTask DisposeAsync()
    {
        await _healthy.DisposeAsync();
        await Server.DisposeAsync();
    }

    private async Task RunHealthyAsync(IAgiChannel channel, CancellationToken token)
    {
        await channel.AnswerAsync(token);
        await _proceed.Task.WaitAsync(token);
        _result.SetResult(await channel.GetVariableAsync("STATE", token));
    }
}
