using BotPbx.Api.IntegrationTests.Telephony;
using BotPbx.TestSupport.Asterisk;

namespace BotPbx.Api.IntegrationTests.Asterisk;

/// <summary>
/// The telephony fixture with a short AMI action timeout, and a way to make the scripted Asterisk misbehave on one
/// action for the length of a test (go silent, drop the connection, answer an error).
/// </summary>
public sealed class MisbehavingAsteriskFixture : TelephonyFixture
{
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(1.5);

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Ami:ActionTimeout"] = ActionTimeout.ToString();
            return settings;
        }
    }

    /// <summary>Until disposed, <paramref name="action"/> gets <paramref name="answer"/> instead of the normal reply.</summary>
    public IDisposable Misbehave(string action, Func<FakeAmiRequest, IEnumerable<string>> answer)
    {
        var normal = Ami.Handler;
        Ami.Handler = request => request.IsAction(action) ? answer(request) : normal?.Invoke(request);
        return new Restore(() => Ami.Handler = normal);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
