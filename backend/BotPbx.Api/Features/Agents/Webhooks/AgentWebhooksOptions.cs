namespace BotPbx.Api.Features.Agents.Webhooks;

/// <summary>Section "AgentWebhooks" (OptionsBinding: the class name without "Options"): how the outbox worker delivers agent webhooks.</summary>
public sealed class AgentWebhooksOptions
{
    /// <summary>How often the worker looks for due deliveries when nothing woke it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries claimed per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Tries before a delivery is given up (status failed). The first try counts.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second try; doubled for each further try (with ±20% jitter), up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest one request may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed delivery is reserved: if the process dies mid-send, it is due again after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
