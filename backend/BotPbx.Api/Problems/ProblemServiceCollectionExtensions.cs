using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace BotPbx.Api.Problems;

public static class ProblemServiceCollectionExtensions
{
    /// <summary>RFC 7807 everywhere: every problem gets a <c>code</c>, a <c>detail</c> and a <c>traceId</c>.</summary>
    public static IServiceCollection AddBotPbxProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            var status = details.Status ?? context.HttpContext.Response.StatusCode;
            details.Status = status;
            details.Extensions.TryAdd("code", ProblemCodes.ForStatus(status));
            details.Detail ??= details.Title;
            // The framework knows RFC links for most statuses, not for 429.
            details.Type ??= status == StatusCodes.Status429TooManyRequests
                ? "https://www.rfc-editor.org/rfc/rfc6585#section-4"
                : "about:blank";
            details.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            // The framework may attach the exception for developers; never send it to clients.
            details.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Minimal APIs answer a malformed body with a bare 400 unless asked to throw; the handler above makes it a problem.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseBotPbxProblems(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Expected outcomes (bad input, validation, database down) are logged by the handler, briefly.
            SuppressDiagnosticsCallback = context => context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService,
        });
        app.UseStatusCodePages();
        return app;
    }
}
