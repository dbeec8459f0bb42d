namespace BotPbx.Asterisk.Tests.AudioSocket;

/// <summary>A clock the test moves by hand, so the send clock's arithmetic is checked without real time passing.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
