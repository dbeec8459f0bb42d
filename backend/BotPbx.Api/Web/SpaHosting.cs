using BotPbx.Api.Configuration;
using BotPbx.Api.Problems;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BotPbx.Api.Web;

/// <summary>
/// Serves the built SPA from BOTPBX_STATIC_DIR on the API's own origin: real files as they are, and index.html for
/// any other GET the API does not handle, so client-side routes survive a reload. Paths under /api never get
/// index.html; they answer a 404 problem.
/// </summary>
public static partial class SpaHosting
{
    public static WebApplication UseSpaStaticFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var directory = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.ResolveStaticDir();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BotPbx.Spa");
        if (!File.Exists(Path.Combine(directory, "index.html")))
        {
            LogNoSpa(logger, directory);
            return app;
        }
        LogServing(logger, directory);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(directory),
            OnPrepareResponse = context =>
            {
                // Vite fingerprints everything under assets/; the rest (index.html, favicon) must be revalidated.
                context.Context.Response.Headers.CacheControl =
                    context.Context.Request.Path.StartsWithSegments("/assets")
                        ? "public, max-age=31536000, immutable"
                        : "no-cache";
            },
        });
        return app;
    }

    /// <summary>The catch-all endpoint: runs only when no API endpoint matched.</summary>
    public static IEndpointRouteBuilder MapSpaFallback(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var directory = app.ServiceProvider.GetRequiredService<IOptions<ServerOptions>>().Value.ResolveStaticDir();
        var index = Path.Combine(directory, "index.html");
        app.MapFallback(async context =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/api") || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                || !File.Exists(index))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = ApiProblems.Details(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found",
                        "There is nothing at this address."),
                });
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            await context.Response.SendFileAsync(index, context.RequestAborted);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No built SPA at {Directory} (index.html missing); serving the API only")]
    private static partial void LogNoSpa(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the SPA from {Directory}")]
    private static partial void LogServing(ILogger logger, string directory);
}
