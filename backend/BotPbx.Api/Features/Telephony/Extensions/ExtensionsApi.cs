using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Telephony.Asterisk;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Telephony.Extensions;

/// <summary>
/// /api/extensions. The body is the extension model; <c>secret</c> may be left empty: on create the server generates
/// a strong one (returned once), on update the current one is kept. <c>voicemail.pin</c> left empty on update keeps
/// the current PIN. Reads never contain the secret or the PIN (<c>voicemail.hasPin</c> instead).
/// </summary>
public static class ExtensionsApi
{
    public static IEndpointRouteBuilder MapExtensionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/extensions").WithTags("Extensions");
        PbxCrud.Map(group, new PbxCrudOptions<Extension, Extension, ExtensionResponse, CreatedExtensionResponse>
        {
            Table = PbxTables.Extensions, Names = ("Extension", "Extensions"),
            ReadPolicy = Policies.Supervisor, WritePolicy = Policies.Admin,
            ToModel = (request, existing) => request with
            {
                Secret = string.IsNullOrEmpty(request.Secret) ? existing?.Secret ?? SecretGenerator.Generate() : request.Secret,
                // Never from the request: generated when WebRTC is turned on, dropped when it is turned off (docs/webrtc.md).
                WebRtcSecret = !request.WebRtc ? ""
                    : existing is { WebRtcSecret.Length: > 0 } ? existing.WebRtcSecret : SecretGenerator.Generate(),
                // An explicit "voicemail": null stays null, for the validator to name as a field error.
                Voicemail = request.Voicemail is { } voicemail ? WithPin(voicemail, existing) : request.Voicemail!,
            },
            ToResponse = ExtensionResponse.From,
            ToCreated = e => new CreatedExtensionResponse(ExtensionResponse.From(e), e.Secret, e.Voicemail.Enabled ? e.Voicemail.Pin : null),
            // The product manual (seed 003) names the number "extension"; both are accepted, answers say "number".
            Aliases = new Dictionary<string, string> { ["extension"] = "number" },
            AfterWrite = ClearPhoneOverridesAsync,
        });
        group.MapPost("/{id:long}/reveal-secret", RevealSecretAsync).RequireAuthorization(Policies.Admin)
            .WithName("RevealExtensionSecret").WithSummary("Show the SIP secret (audited)");
        group.MapPost("/{id:long}/regenerate-secret", RegenerateSecretAsync).RequireAuthorization(Policies.Admin)
            .WithName("RegenerateExtensionSecret").WithSummary("Replace the SIP secret with a new generated one, returned once (audited)");
        return app;
    }

    /// <summary>
    /// An empty voicemail PIN keeps the current one. A new extension with voicemail on and no PIN gets a generated
    /// 6-digit PIN, shown once in the create answer like the SIP secret. Chosen over creating it with voicemail off:
    /// the manual's <c>POST {"extension","name","secret","email"}</c> then yields a working mailbox (unanswered calls
    /// reach it, IVR voicemail nodes may name it), and a PIN nobody chose is still not a guessable default. An
    /// update that turns voicemail on for an extension that never had a PIN still needs one (422): no answer of an
    /// update shows a PIN.
    /// </summary>
    private static VoicemailSettings WithPin(VoicemailSettings voicemail, Extension? existing)
    {
        if (!string.IsNullOrEmpty(voicemail.Pin)) return voicemail;
        if (existing is not null) return voicemail with { Pin = existing.Voicemail.Pin };
        return voicemail.Enabled ? voicemail with { Pin = SecretGenerator.Pin() } : voicemail;
    }

    /// <summary>
    /// When an admin changes DND or forwarding (or removes or renumbers the extension), what a phone set earlier with a
    /// feature code must stop overriding it. Best effort: without AMI the phone's setting stays until changed again.
    /// </summary>
    private static async Task ClearPhoneOverridesAsync(HttpContext httpContext, Extension? before, Extension? after, CancellationToken cancellationToken)
    {
        if (before is null) return;
        var keys = after is null || after.Number != before.Number ? PhoneOverrideKeys.All : PhoneOverrideKeys.Changed(before, after);
        if (keys.Count == 0) return;
        var access = httpContext.RequestServices.GetRequiredService<Asterisk.AsteriskAccess>();
        if (access.PhoneOverrides is not { } overrides) return;
        try
        {
            await overrides.ClearAsync(before.Number, keys, cancellationToken);
        }
        catch (Exception e) when (Problems.AsteriskFailures.IsAsteriskFailure(e))
        {
            // The save already happened: an unreachable or silent Asterisk must not turn it into an error answer.
            httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExtensionsApi))
                .LogPhoneOverridesNotCleared(before.Number, e.Message);
        }
    }

    private static async Task<Results<Ok<SecretResponse>, ProblemHttpResult>> RevealSecretAsync(
        long id, HttpContext httpContext, PbxStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(PbxTables.Extensions, id, cancellationToken) is not { } extension) return PbxCrud.NotFound(PbxTables.Extensions);
        await audit.WriteAsync(httpContext, "extension.secret_revealed", extension.Number, new { id }, cancellationToken);
        return TypedResults.Ok(new SecretResponse(extension.Secret));
    }

    private static async Task<Results<Ok<SecretResponse>, ProblemHttpResult>> RegenerateSecretAsync(
        long id, HttpContext httpContext, PbxStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var secret = SecretGenerator.Generate();
        var result = await store.SaveAsync(PbxTables.Extensions, id, existing => existing! with { Secret = secret }, cancellationToken);
        if (PbxCrud.Problem(result, PbxTables.Extensions) is { } problem) return problem;
        await audit.WriteAsync(httpContext, "extension.secret_regenerated", result.Value!.Number, new { id }, cancellationToken);
        return TypedResults.Ok(new SecretResponse(secret));
    }
}

internal static partial class ExtensionsApiLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not clear the phone's DND/forwarding overrides of extension {Number}: {Reason}")]
    public static partial void LogPhoneOverridesNotCleared(this ILogger logger, string number, string reason);
}
