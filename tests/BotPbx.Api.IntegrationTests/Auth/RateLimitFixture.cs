namespace BotPbx.Api.IntegrationTests.Auth;

/// <summary>Low limits so the tests reach them quickly: 3 failures per account, 5 per IP.</summary>
public sealed class RateLimitFixture : ApiFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:LoginAttemptsPerAccount"] = "3",
        ["Auth:LoginAttemptsPerIp"] = "5",
        ["Auth:LoginWindow"] = "00:15:00",
    };
}
