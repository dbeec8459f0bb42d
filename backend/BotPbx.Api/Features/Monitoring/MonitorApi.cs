using BotPbx.Api.Features.Asterisk;
using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Phone;
using BotPbx.Api.Problems;
using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Monitoring;

/// <summary>
/// Call monitoring (seed 003: Listen, Whisper, Barge). A supervisor or admin picks an agent's live channel; BotPBX
/// originates a call to the supervisor's own phone which, once answered, runs <c>ChanSpy(&lt;agent channel&gt;,…)</c>
/// with the mode's options. The mode changes during the session with the digits 4/5/6 (from the supervisor's phone,
/// or through <c>POST …/{id}/mode</c>, which plays the digit into the spy channel). Every start and switch is audited.
/// </summary>
public static class MonitorApi
{
    private static readonly TimeSpan RingTime = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddCallMonitoring(this IServiceCollection services) => services.AddSingleton<MonitorSessions>();

    public static IEndpointRouteBuilder MapCallMonitoringApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calls/monitor").WithTags("Call monitoring").RequireAuthorization(Policies.Supervisor).ProducesAuthProblems();
        group.MapGet("/channels", ChannelsAsync).WithName("ListMonitorChannels")
            .WithSummary("Channels Asterisk has up now; those with an extension can be monitored");
        group.MapPost("/", StartAsync).ProducesInputProblems().WithName("StartCallMonitoring")
            .WithSummary("Ring your own phone into Listen, Whisper or Barge on an agent's channel (waits until you answer)");
        group.MapPost("/{id}/mode", SwitchModeAsync).ProducesInputProblems().WithName("SwitchCallMonitoringMode")
            .WithSummary("Switch a running session to another mode");
        group.MapDelete("/{id}", StopAsync).WithName("StopCallMonitoring").WithSummary("Hang up the monitoring call");
        return app;
    }

    private static async Task<Results<Ok<LiveChannelsResponse>, ProblemHttpResult>> ChannelsAsync(AsteriskAccess asterisk, BrowserPhoneStore phones,
        CancellationToken cancellationToken)
    {
        if (asterisk.Client is not { } ami) return ApiProblems.AsteriskUnavailable("AMI is not configured.");
        var numbers = await phones.ExtensionNumbersAsync(cancellationToken);
        return TypedResults.Ok(new LiveChannelsResponse(await LiveChannels.ListAsync(ami, numbers, cancellationToken)));
    }

    private static async Task<Results<Ok<MonitorSessionResponse>, ProblemHttpResult>> StartAsync(MonitorRequest request, HttpContext http,
        AsteriskAccess asterisk, BrowserPhoneStore phones, MonitorSessions sessions, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (errors.Required("channel", request.Channel)) errors.MaxLength("channel", request.Channel, 100);
        if (errors.Required("mode", request.Mode)) errors.Check(MonitorModes.IsValid(request.Mode), "mode", "must be listen, whisper or barge");
        errors.Check(request.Device is null or "browser" or "phone", "device", "must be browser or phone");
        if (errors.Any) return errors.ToProblem();

        var supervisorId = http.User.RequiredUserId();
        var own = await phones.OwnedByAsync(supervisorId, cancellationToken);
        if (own.Count == 0)
        {
            return ApiProblems.Validation("device", "you have no extension: an administrator links one to your user first");
        }
        var (device, endpoint) = PickDevice(own, request.Device);
        if (endpoint is null) return ApiProblems.Validation("device", "none of your extensions has a browser phone (WebRTC on)");
        if (asterisk.Client is not { } ami) return ApiProblems.AsteriskUnavailable("AMI is not configured.");

        // The target must be a channel Asterisk has right now, and a BotPBX extension's; its listed name is what ChanSpy gets.
        var numbers = await phones.ExtensionNumbersAsync(cancellationToken);
        var channels = await LiveChannels.ListAsync(ami, numbers, cancellationToken);
        var target = channels.FirstOrDefault(c => string.Equals(c.Channel, request.Channel, StringComparison.Ordinal));
        if (target is null) return ApiProblems.Validation("channel", "is not a call in progress");
        if (target.Extension is not { } extension) return ApiProblems.Validation("channel", "is not an extension's channel (monitor the agent's side of the call)");
        if (own.Any(e => e.Number == extension)) return ApiProblems.Validation("channel", "is your own extension's call");

        var mode = request.Mode!;
        var id = "spy-" + Guid.NewGuid().ToString("N");
        var result = await ami.OriginateAsync(new AmiOriginateRequest("PJSIP/" + endpoint)
        {
            Application = "ChanSpy",
            Data = target.Channel + "," + MonitorModes.ChanSpyOptions(mode),
            CallerId = $"\"Monitor {extension}\" <{extension}>",
            ChannelId = id,
            Timeout = RingTime,
        }, cancellationToken);
        await audit.WriteAsync(http, AuditActions.CallMonitorStarted, target.Channel,
            new { mode, device, extension, answered = result.Success }, cancellationToken);
        if (!result.Success)
        {
            return TypedResults.Problem(ApiProblems.Details(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "Your phone did not answer",
                device == "browser" ? "Open the browser phone (it must be registered) and answer the monitoring call." : "Your phone did not answer the monitoring call."));
        }
        var session = new MonitorSession(id, supervisorId, target.Channel, extension, result.Channel ?? "", device, mode, DateTimeOffset.UtcNow);
        sessions.Add(session);
        return TypedResults.Ok(MonitorSessionResponse.From(session));
    }

    private static async Task<Results<Ok<MonitorSessionResponse>, ProblemHttpResult>> SwitchModeAsync(string id, MonitorModeRequest request,
        HttpContext http, AsteriskAccess asterisk, MonitorSessions sessions, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (errors.Required("mode", request.Mode)) errors.Check(MonitorModes.IsValid(request.Mode), "mode", "must be listen, whisper or barge");
        if (errors.Any) return errors.ToProblem();
        if (Owned(sessions.Find(id), http) is not { } session) return ApiProblems.NotFound("No such monitoring session of yours.");
        if (asterisk.Client is not { } ami) return ApiProblems.AsteriskUnavailable("AMI is not configured.");

        // As if the supervisor pressed the digit: PlayDTMF with Receive queues it inbound, where ChanSpy (option d) reads it.
        var action = new AmiAction("PlayDTMF").Add("Channel", session.SpyChannel)
            .Add("Digit", MonitorModes.Digit(request.Mode!).ToString()).Add("Receive", "true");
        var response = await ami.SendActionAsync(action, null, cancellationToken);
        if (!response.IsSuccess) return ApiProblems.NotFound("The monitoring call has ended.");
        var updated = session with { Mode = request.Mode! };
        sessions.Update(updated);
        await audit.WriteAsync(http, AuditActions.CallMonitorModeChanged, session.Target,
            new { from = session.Mode, to = updated.Mode, extension = session.TargetExtension }, cancellationToken);
        return TypedResults.Ok(MonitorSessionResponse.From(updated));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> StopAsync(string id, HttpContext http, AsteriskAccess asterisk,
        MonitorSessions sessions, CancellationToken cancellationToken)
    {
        if (Owned(sessions.Find(id), http) is not { } session) return ApiProblems.NotFound("No such monitoring session of yours.");
        if (asterisk.Client is not { } ami) return ApiProblems.AsteriskUnavailable("AMI is not configured.");
        // Its answer is not checked: "No such channel" means the call already ended, which is what was asked for.
        await ami.SendActionAsync(new AmiAction("Hangup").Add("Channel", session.SpyChannel), null, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>A session is switched or ended only by the supervisor who started it, or an admin.</summary>
    private static MonitorSession? Owned(MonitorSession? session, HttpContext http) =>
        session is not null && (session.SupervisorId == http.User.UserId() || http.User.IsInRole(Roles.Admin)) ? session : null;

    private static (string Device, string? Endpoint) PickDevice(IReadOnlyList<Extension> own, string? requested)
    {
        var browser = own.FirstOrDefault(BrowserPhones.Has);
        return requested switch
        {
            "phone" => ("phone", own[0].Number),
            "browser" => ("browser", browser is null ? null : BrowserPhones.Endpoint(browser.Number)),
            _ => browser is null ? ("phone", own[0].Number) : ("browser", BrowserPhones.Endpoint(browser.Number)),
        };
    }
}
