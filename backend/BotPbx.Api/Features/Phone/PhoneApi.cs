using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Settings;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Phone;

/// <summary>
/// The browser phone's server side: /api/phone/credentials (the signed-in user's own browser endpoint, never anyone
/// else's) and /api/webrtc-settings (admins: STUN/TURN and the WebSocket URL). docs/webrtc.md explains the design.
/// </summary>
public static class PhoneApi
{
    public static IServiceCollection AddPhone(this IServiceCollection services)
    {
        services.AddSingleton<BrowserPhoneStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapPhoneApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/phone/credentials", CredentialsAsync).WithTags("Browser phone").RequireAuthorization(Policies.Agent)
            .ProducesAuthProblems().WithName("GetPhoneCredentials")
            .WithSummary("SIP credentials of the signed-in user's own browser phone (an extension of theirs with WebRTC on)");

        var settings = app.MapGroup("/api/webrtc-settings").WithTags("Browser phone").RequireAuthorization(Policies.Admin).ProducesAuthProblems();
        settings.MapGet("/", GetSettingsAsync).WithName("GetWebRtcSettings").WithSummary("STUN/TURN servers and the WebSocket URL browsers use");
        settings.MapPut("/", PutSettingsAsync).ProducesInputProblems().WithName("SetWebRtcSettings")
            .WithSummary("Replace them; an empty turnPassword keeps the stored one");
        return app;
    }

    private static async Task<Results<Ok<PhoneCredentials>, ProblemHttpResult>> CredentialsAsync(HttpContext http, BrowserPhoneStore phones,
        SettingsStore settingsStore, PbxStore pbx, CancellationToken cancellationToken)
    {
        // Only the owner: the lookup is by the session's own user id, so no parameter can name someone else's phone.
        var userId = http.User.RequiredUserId();
        var owned = await phones.BrowserPhonesOfAsync(userId, cancellationToken);
        if (owned.Count == 0)
        {
            return TypedResults.Problem(ApiProblems.Details(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No browser phone",
                "None of your extensions has WebRTC on. An administrator can turn it on for an extension linked to your user."));
        }
        var extension = owned[0];
        var settings = await settingsStore.GetAsync<WebRtcSettings>(WebRtcSettings.Key, cancellationToken) ?? WebRtcSettings.Defaults;
        var sip = await pbx.SettingAsync<SipSettings>(PbxStore.SipKey, cancellationToken) ?? new SipSettings();
        var webSocketUrl = settings.WebSocketUrl.Length > 0 ? settings.WebSocketUrl
            : sip.WssPort != 0 ? $"wss://{http.Request.Host.Host}:{sip.WssPort}/ws" : "";
        if (webSocketUrl.Length == 0)
        {
            return TypedResults.Problem(ApiProblems.Details(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "WebRTC is off",
                "The server has no WebSocket for SIP: an administrator sets the WSS port (SIP settings) or a WebSocket URL (WebRTC settings)."));
        }
        var user = BrowserPhones.Endpoint(extension.Number);
        var host = new Uri(webSocketUrl).Host;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new PhoneCredentials(extension.Number, extension.Name, $"sip:{user}@{host}", user, extension.WebRtcSecret,
            webSocketUrl, IceServers(settings)));
    }

    private static List<IceServer> IceServers(WebRtcSettings settings)
    {
        var servers = new List<IceServer>();
        if (settings.StunServers.Count > 0) servers.Add(new IceServer(settings.StunServers));
        if (settings.TurnServer.Length > 0) servers.Add(new IceServer([settings.TurnServer], settings.TurnUsername, settings.TurnPassword));
        return servers;
    }

    private static async Task<Ok<WebRtcSettingsResponse>> GetSettingsAsync(SettingsStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(WebRtcSettingsResponse.From(await store.GetAsync<WebRtcSettings>(WebRtcSettings.Key, cancellationToken) ?? WebRtcSettings.Defaults));

    private static async Task<Results<Ok<WebRtcSettingsResponse>, ProblemHttpResult>> PutSettingsAsync(WebRtcSettingsRequest request,
        HttpContext http, SettingsStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var before = await store.GetAsync<WebRtcSettings>(WebRtcSettings.Key, cancellationToken) ?? WebRtcSettings.Defaults;
        var turnServer = request.TurnServer?.Trim() ?? "";
        var after = new WebRtcSettings
        {
            StunServers = request.StunServers ?? [],
            TurnServer = turnServer,
            TurnUsername = turnServer.Length == 0 ? "" : request.TurnUsername?.Trim() ?? "",
            // Write-only: an empty password keeps the stored one; no TURN server, no password.
            TurnPassword = turnServer.Length == 0 ? "" : string.IsNullOrEmpty(request.TurnPassword) ? before.TurnPassword : request.TurnPassword,
            WebSocketUrl = request.WebSocketUrl?.Trim() ?? "",
        };
        var errors = after.Validate();
        if (errors.Any) return errors.ToProblem();
        await store.SetAsync(WebRtcSettings.Key, after, http.User.UserId(), cancellationToken);
        await audit.WriteAsync(http, AuditActions.SettingsChanged, WebRtcSettings.Key,
            new { before = WebRtcSettingsResponse.From(before), after = WebRtcSettingsResponse.From(after) }, cancellationToken);
        return TypedResults.Ok(WebRtcSettingsResponse.From(after));
    }
}
