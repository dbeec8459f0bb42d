using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BotPbx.Api.Problems;

/// <summary>Typed problem results with the contract's codes, for handlers to return.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail = "The resource does not exist.") =>
        Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found", detail);

    public static ProblemHttpResult Conflict(string detail) =>
        Create(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "Conflict", detail);

    public static ProblemHttpResult InvalidCredentials() =>
        Create(StatusCodes.Status401Unauthorized, ProblemCodes.InvalidCredentials, "Invalid credentials",
            "The e-mail address or password is wrong.");

    /// <summary>429; the caller sets the Retry-After header.</summary>
    public static ProblemHttpResult RateLimited(string detail) =>
        Create(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many requests", detail);

    /// <summary>503 <c>asterisk_unavailable</c>: AMI/ARI not configured, not connected, silent or refusing. The caller sets Retry-After if useful.</summary>
    public static ProblemHttpResult AsteriskUnavailable(string detail) => TypedResults.Problem(AsteriskUnavailableDetails(detail));

    public static ProblemDetails AsteriskUnavailableDetails(string detail) =>
        Details(StatusCodes.Status503ServiceUnavailable, ProblemCodes.AsteriskUnavailable, "Asterisk unavailable", detail);

    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(ValidationDetails(errors));

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static HttpValidationProblemDetails ValidationDetails(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var details = new HttpValidationProblemDetails(errors.ToDictionary(pair => pair.Key, pair => pair.Value))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Validation failed",
            Detail = "One or more fields are invalid.",
        };
        details.Extensions["code"] = ProblemCodes.ValidationFailed;
        return details;
    }

    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(Details(status, code, title, detail));

    public static ProblemDetails Details(int status, string code, string title, string detail)
    {
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail };
        details.Extensions["code"] = code;
        return details;
    }
}
