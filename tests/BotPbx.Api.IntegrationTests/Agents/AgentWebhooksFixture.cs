namespace BotPbx.Api.IntegrationTests.Agents;

/// <summary>The API with the webhook worker's waits shortened to fractions of a second, so retries happen within a test.</summary>
public sealed class AgentWebhooksFixture : ApiFixture
{
    public const int MaxAttempts = 3;

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["AgentWebhooks:PollInterval"] = "00:00:00.200",
        ["AgentWebhooks:BaseDelay"] = "00:00:00.300",
        ["AgentWebhooks:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AgentWebhooks:Timeout"] = "00:00:05",
    };
}
