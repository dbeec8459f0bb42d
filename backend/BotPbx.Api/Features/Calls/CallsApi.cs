using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Settings;
using BotPbx.Api.Problems;
using BotPbx.Api.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BotPbx.Api.Features.Calls;

/// <summary>
/// The call log (docs/call-logs.md): list, detail, CSV export, today's figures, recordings, and click-to-call.
/// Admins and supervisors see every call; an agent only calls that involve one of their own extensions.
/// </summary>
public static class CallsApi
{
    public static IServiceCollection AddCallLogs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBotPbxOptions<CdrWriterOptions>(configuration);
        services.AddSingleton<CdrWriterSettings>();
        services.AddSingleton<CallReconciler>();
        services.AddSingleton<CallStore>();
        services.AddSingleton<ClickToCall>();
        services.AddHostedService<CallReconcilerService>();
        return services;
    }

    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calls").WithTags("Calls").RequireAuthorization(Policies.Agent).ProducesAuthProblems();
        group.MapGet("/", ListAsync).ProducesInputProblems().WithName("ListCalls")
            .WithSummary("Call log: start/end (dates in the company's time zone, or date-times), direction, extension, search, disposition, trunk, queue, limit, offset, sort");
        group.MapGet("/export.csv", ExportAsync).ProducesInputProblems().WithName("ExportCalls")
            .WithSummary("The call log as CSV (same filters as the list, every matching row), streamed");
        group.MapGet("/stats", StatsAsync).ProducesInputProblems().WithName("CallStats")
            .WithSummary("A day's figures (default today) in the company's time zone: calls by hour, answered and missed, average wait, busiest extensions");
        group.MapGet("/{id:long}", GetAsync).WithName("GetCall").WithSummary("One call");
        group.MapGet("/{id:long}/recording", RecordingAsync).WithName("GetCallRecording").WithSummary("The call's recording (WAV)");
        group.MapPost("/originate", OriginateAsync).ProducesInputProblems().WithName("OriginateCall")
            .WithSummary("Click-to-call: rings your own extension, then dials the number through the outbound routes");
        return app;
    }

    private static async Task<Ok<ListResponse<CallRecord>>> ListAsync(HttpContext http, CallStore store, SettingsStore settings,
        [AsParameters] CallQueryArguments q, CancellationToken cancellationToken)
    {
        var filter = CallFilter.Validate(q.ToParameters(), await ZoneAsync(settings, cancellationToken));
        var (items, total) = await store.ListAsync(filter, await VisibleAsync(http, store, cancellationToken), cancellationToken);
        return TypedResults.Ok(new ListResponse<CallRecord>(items, total));
    }

    private static async Task ExportAsync(HttpContext http, CallStore store, SettingsStore settings, [AsParameters] CallQueryArguments q,
        CancellationToken cancellationToken)
    {
        var filter = CallFilter.Validate(q.ToParameters(), await ZoneAsync(settings, cancellationToken));
        var visible = await VisibleAsync(http, store, cancellationToken);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"calls.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, CallCsv.Utf8, 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(CallCsv.Line(CallCsv.Header));
        var rows = 0;
        await foreach (var call in store.StreamAsync(filter, visible, cancellationToken))
        {
            await writer.WriteAsync(CallCsv.Row(call));
            if (++rows % 500 == 0) await writer.FlushAsync(cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    private static async Task<Ok<CallStats>> StatsAsync(HttpContext http, CallStore store, SettingsStore settings, string? date,
        CancellationToken cancellationToken)
    {
        var zone = await ZoneAsync(settings, cancellationToken);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        if (date is { Length: > 0 } && !DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out day))
        {
            new FieldErrors().Add("date", "must be a date such as 2024-01-31").ThrowIfAny();
        }
        return TypedResults.Ok(await store.StatsAsync(day, zone, await VisibleAsync(http, store, cancellationToken), cancellationToken));
    }

    private static async Task<Results<Ok<CallRecord>, ProblemHttpResult>> GetAsync(long id, HttpContext http, CallStore store,
        CancellationToken cancellationToken)
    {
        var call = await store.GetAsync(id, await VisibleAsync(http, store, cancellationToken), cancellationToken);
        return call is null ? ApiProblems.NotFound("No such call.") : TypedResults.Ok(call);
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> RecordingAsync(long id, HttpContext http, CallStore store,
        IOptions<AsteriskOptions> asterisk, CancellationToken cancellationToken)
    {
        var path = await store.RecordingPathAsync(id, await VisibleAsync(http, store, cancellationToken), cancellationToken);
        var root = Path.GetFullPath(new AsteriskPaths(asterisk.Value).CallRecordings) + Path.DirectorySeparatorChar;
        if (path is null || !Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
            return ApiProblems.NotFound("This call has no recording.");
        return TypedResults.PhysicalFile(Path.GetFullPath(path), "audio/wav", Path.GetFileName(path), enableRangeProcessing: true);
    }

    private static async Task<Results<Accepted<OriginateResponse>, ProblemHttpResult>> OriginateAsync(HttpContext http, OriginateRequest request,
        ClickToCall clickToCall, AuditLog audit, CancellationToken cancellationToken)
    {
        ClickToCall.Validate(request).ThrowIfAny();
        var callers = await clickToCall.CallersAsync(http.User.RequiredUserId(), cancellationToken);
        var caller = request.From is { Length: > 0 } from ? callers.FirstOrDefault(c => c.Number == from) : callers.Count > 0 ? callers[0] : null;
        if (caller is null)
        {
            return request.From is { Length: > 0 }
                ? ApiProblems.Validation("from", "must be an extension assigned to you")
                : ApiProblems.Conflict("No extension is assigned to you: click-to-call rings your own phone first.");
        }
        var timeout = request.Timeout ?? ClickToCall.DefaultTimeoutSeconds;
        await clickToCall.OriginateAsync(caller, request.To!, timeout, cancellationToken);
        await audit.WriteAsync(http, "calls.originate", caller.Number, new { to = request.To }, cancellationToken);
        return TypedResults.Accepted((string?)null, new OriginateResponse("ringing", caller.Number, request.To!));
    }

    /// <summary>Null for admins and supervisors (every call); an agent's own extensions otherwise.</summary>
    private static async Task<string[]?> VisibleAsync(HttpContext http, CallStore store, CancellationToken cancellationToken) =>
        http.User.IsInRole(Roles.Admin) || http.User.IsInRole(Roles.Supervisor)
            ? null
            : await store.ExtensionsOfUserAsync(http.User.RequiredUserId(), cancellationToken);

    private static async Task<TimeZoneInfo> ZoneAsync(SettingsStore settings, CancellationToken cancellationToken)
    {
        var general = await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, cancellationToken) ?? GeneralSettings.Defaults;
        return TimeZoneInfo.TryFindSystemTimeZoneById(general.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }
}

/// <summary>Query-string binding for <see cref="CallQueryParameters"/> (numbers bind as numbers: a word answers 400).</summary>
public sealed record CallQueryArguments(
    string? Start, string? End, string? Direction, string? Extension, string? Search, string? Disposition, long? Trunk,
    string? Queue, int? Limit, int? Offset, string? Sort)
{
    public CallQueryParameters ToParameters() => new(Start, End, Direction, Extension, Search, Disposition, Trunk, Queue, Limit, Offset, Sort);
}
