using BotPbx.Calls.Tests.Harness;

namespace BotPbx.Calls.Tests.Calls.Browser;

/// <summary>The browser harness itself: chromium opens the SPA the PBX's own service serves, signed in.</summary>
[Collection(RealPbx.Name)]
public sealed class BrowserHarnessTests(PbxFixture pbx)
{
    [CallFact]
    public async Task A_browser_opens_the_spa_of_the_service_under_test_signed_in()
    {
        Assert.True(Harness.Browser.Requirements() is null, Harness.Browser.Requirements());
        await using var browser = await pbx.BrowserAsync("harness");

        await browser.WaitForAsync("role=heading[level=1][name=\"Dashboard\"]");
        var shot = await browser.ScreenshotAsync("dashboard.png");

        Assert.True(new FileInfo(shot).Length > 1000, "the screenshot should hold a page");
        var origin = await browser.EvalAsync("location.origin");
        Assert.Equal(pbx.Api.BaseAddress.ToString().TrimEnd('/'), origin?.ToString());
    }
}
