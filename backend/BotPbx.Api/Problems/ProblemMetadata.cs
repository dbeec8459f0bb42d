namespace BotPbx.Api.Problems;

/// <summary>Declares the problem answers an endpoint can give, so the OpenAPI document lists them.</summary>
public static class ProblemMetadata
{
    /// <summary>401, 403 and 503 for a protected endpoint or group.</summary>
    public static TBuilder ProducesAuthProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>400 for a malformed body and 422 with field errors.</summary>
    public static RouteHandlerBuilder ProducesInputProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
