using BotPbx.TestSupport;

namespace BotPbx.Api.IntegrationTests.Infrastructure;

/// <summary>One database and one running API per test class (xunit class fixture).</summary>
public class ApiFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Api = await ApiFactory.StartAsync(Database.ConnectionString, Settings);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Database.DisposeAsync();
    }
}
