using System.Text.Json;
using BotPbx.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BotPbx.Api.Problems;

/// <summary>
/// Turns every exception that escapes a handler into a problem: malformed input → 400, validation → 422,
/// PostgreSQL unreachable → 503 <c>database_unavailable</c>, any AMI/ARI failure or timeout → 503
/// <c>asterisk_unavailable</c> (<see cref="AsteriskFailures"/>), anything else → 500 with no internals (the details go to the log only).
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            httpContext.Response.StatusCode = 499;
            return true;
        }
        var details = Describe(exception);
        if (details.Extensions.TryGetValue("code", out var code) && ProblemCodes.AsteriskUnavailable.Equals(code))
        {
            httpContext.Response.Headers.RetryAfter = "5";
            LogAsteriskUnavailable(httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        }
        else if (details.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
            LogDatabaseUnavailable(httpContext.Request.Method, httpContext.Request.Path, DatabaseErrors.Reason(exception));
        }
        else if (details.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = details.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
        });
    }

    public static ProblemDetails Describe(Exception exception) => exception switch
    {
        ValidationFailedException validation => ApiProblems.ValidationDetails(validation.Errors),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiProblems.Details(
            StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, "Payload too large", "The request body is too large."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => ApiProblems.Details(
            StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "Unsupported media type",
            "Send the request body as application/json."),
        BadHttpRequestException or JsonException => ApiProblems.Details(
            StatusCodes.Status400BadRequest, ProblemCodes.BadRequest, "Bad request", BadRequestDetail(exception)),
        _ when AsteriskFailures.Describe(exception) is { } asterisk => ApiProblems.AsteriskUnavailableDetails(asterisk),
        _ when DatabaseErrors.IsUnavailable(exception) => ApiProblems.Details(
            StatusCodes.Status503ServiceUnavailable, ProblemCodes.DatabaseUnavailable, "Database unavailable",
            "The database cannot be reached right now. Try again shortly."),
        _ => ApiProblems.Details(
            StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "Internal error",
            "An unexpected error occurred. It has been logged."),
    };

    private static string BadRequestDetail(Exception exception)
    {
        // A JSON error names the position that could not be read (e.g. "$.limit"); that helps and leaks nothing.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException { Path: { Length: > 0 } path })
            {
                return $"The request body is not valid JSON for this operation (at {path}).";
            }
        }
        return exception is BadHttpRequestException && exception.InnerException is null
            ? "The request is malformed: a parameter or the body is missing or has the wrong type."
            : "The request body is not valid JSON for this operation.";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asterisk unavailable during {Method} {Path}: {Kind}: {Reason}")]
    private partial void LogAsteriskUnavailable(string method, string path, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable during {Method} {Path}: {Reason}")]
    private partial void LogDatabaseUnavailable(string method, string path, string reason);
}
