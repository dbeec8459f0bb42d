namespace BotPbx.Asterisk.Ami;

/// <summary>
/// Settings of the AMI client. The host binds <c>Host</c>, <c>Port</c>, <c>Username</c> and <c>Secret</c> from the
/// environment (<c>AMI_HOST</c>, <c>AMI_PORT</c>, <c>AMI_USER</c>, <c>AMI_SECRET</c>); the rest have working defaults.
/// </summary>
public sealed class AmiOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5038;

    public string Username { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    /// <summary>Log in with <c>Challenge</c> + <c>Key: md5(challenge + secret)</c> so the secret never crosses the wire.</summary>
    public bool UseMd5Login { get; set; }

    /// <summary>
    /// The <c>Events:</c> value sent at login: <c>on</c>, <c>off</c>, or a class mask such as <c>system,call,agent</c>.
    /// It is sent again on every re-login, which is how the subscription survives a reconnect.
    /// </summary>
    public string Events { get; set; } = "on";

    /// <summary>Default time to wait for an action's answer; each call may pass its own.</summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Keep-alive: a <c>Ping</c> this often; no answer within <see cref="ActionTimeout"/> breaks the connection. Zero disables.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First reconnect delay. Asterisk refuses its port for about 0.4 s during a restart (fixture ami-restart-*).</summary>
    public TimeSpan ReconnectDelayMin { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of the doubling reconnect delay; also the delay after an authentication failure.</summary>
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Default capacity of each subscriber's event queue. When it is full the reader waits for the subscriber, for at
    /// most <see cref="SlowSubscriberTimeout"/> (see <see cref="AmiEventSubscription"/>).
    /// </summary>
    public int EventBufferCapacity { get; set; } = 10_000;

    /// <summary>
    /// How long the reader waits for a subscriber whose queue is full before it counts the subscriber's events as lost
    /// and signals a resync. Everything behind the events (action answers, the keep-alive) waits too, and Asterisk
    /// closes a session it cannot write to for long (manager.conf <c>writetimeout</c>), so keep this short.
    /// </summary>
    public TimeSpan SlowSubscriberTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Receives the client's diagnostics (the library takes no logging dependency). Must not throw.</summary>
    public Action<AmiLogEntry>? Log { get; set; }

    /// <summary>Largest message accepted (long CLI output such as <c>dialplan show</c> is one message).</summary>
    public int MaxMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Applies <c>AMI_HOST</c>, <c>AMI_PORT</c>, <c>AMI_USER</c> and <c>AMI_SECRET</c> where set (read through
    /// <paramref name="read"/>, the process environment by default). Unset variables keep the current values.
    /// </summary>
    /// <exception cref="ArgumentException"><c>AMI_PORT</c> is not a number.</exception>
    public AmiOptions ApplyEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        if (read("AMI_HOST") is { Length: > 0 } host) Host = host;
        if (read("AMI_PORT") is { Length: > 0 } port)
        {
            Port = int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new ArgumentException($"AMI_PORT '{port}' is not a port number", nameof(read));
        }
        if (read("AMI_USER") is { Length: > 0 } user) Username = user;
        if (read("AMI_SECRET") is { } secret) Secret = secret;
        return this;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Host), nameof(Host), "is required");
        Require(Port is > 0 and <= 65535, nameof(Port), "must be 1–65535");
        Require(!string.IsNullOrEmpty(Username), nameof(Username), "is required");
        Require(!string.IsNullOrWhiteSpace(Events), nameof(Events), "must be on, off or a class mask");
        Require(ActionTimeout > TimeSpan.Zero, nameof(ActionTimeout), "must be positive");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Require(PingInterval >= TimeSpan.Zero, nameof(PingInterval), "must not be negative");
        Require(ReconnectDelayMin > TimeSpan.Zero, nameof(ReconnectDelayMin), "must be positive");
        Require(ReconnectDelayMax >= ReconnectDelayMin, nameof(ReconnectDelayMax), "must be at least ReconnectDelayMin");
        Require(EventBufferCapacity > 0, nameof(EventBufferCapacity), "must be positive");
        Require(SlowSubscriberTimeout > TimeSpan.Zero, nameof(SlowSubscriberTimeout), "must be positive");
        Require(MaxMessageSize >= 1024, nameof(MaxMessageSize), "must be at least 1024 bytes");
        foreach (var (name, value) in new[] { (nameof(Username), Username), (nameof(Secret), Secret), (nameof(Events), Events) })
        {
            Require(value.AsSpan().IndexOfAny('\r', '\n') < 0, name, "must not contain CR or LF");
        }
    }

    /// <summary>Writes to <see cref="Log"/>; a failing sink must never take the connection down.</summary>
    internal void Write(AmiLogLevel level, string message)
    {
        if (Log is not { } log) return;
        try
        {
            log(new AmiLogEntry(level, message));
        }
#pragma warning disable CA1031 // see above
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition) throw new ArgumentException($"AmiOptions.{name} {problem}", name);
    }
}
