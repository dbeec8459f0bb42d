namespace BotPbx.Api.IntegrationTests.Status;

public sealed class ProblemDetailsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem()
    {
        using var admin = await Api.SignInAsAdminAsync();
        await Problem.ReadAsync(await admin.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound, "not_found");
        await Problem.ReadAsync(await Api.Anonymous().GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_wrong_method_on_a_known_route_is_a_problem_too()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var response = await admin.PatchAsync("/api/users", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Query_values_of_the_wrong_type_are_a_bad_request()
    {
        using var admin = await Api.SignInAsAdminAsync();
        await Problem.ReadAsync(await admin.GetAsync("/api/users?limit=lots"), HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task A_missing_body_is_a_bad_request()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var response = await admin.PostAsync("/api/users", new StringContent("", Encoding.UTF8, "application/json"));
        await Problem.ReadAsync(response, HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task Validation_errors_use_camelCase_field_keys()
    {
        using var admin = await Api.SignInAsAdminAsync();
        using var response = await admin.PutAsJsonAsync("/api/settings", new { companyName = "", timeZone = "Mars/Olympus", language = "english" });
        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(new[] { "companyName", "language", "timeZone" }, problem.Errors.Keys.Order());
    }
}
