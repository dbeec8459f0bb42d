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
                Voicemail = KeepPin(request.Voicemail, existing),
            },
            ToResponse = ExtensionResponse.From,
            ToCreated = e => new CreatedExtensionResponse(ExtensionResponse.From(e), e.Secret),
            AfterWrite = ClearPhoneOverridesAsync,
        });
        group.MapPost("/{id:long}/reveal-secret", RevealSecretAsync).RequireAuthorization(Policies.Admin)
            .WithName("RevealExtensionSecret").WithSummary("Show the SIP secret (audited)");
        group.MapPost("/{id:long}/regenerate-secret", RegenerateSecretAsync).RequireAuthorization(Policies.Admin)
            .WithName("RegenerateExtensionSecret").WithSummary("Replace the SIP secret with a new generated one, returned once (audited)");
        return app;
    }

    /// <summary>An empty PIN on update means "unchanged": reads never show it, so a form cannot send it back.</summary>
    private static VoicemailSettings KeepPin(VoicemailSettings? requested, Extension? existing)
    {
        // An explicit JSON null stays null: the validator reports it as a field error.
        if (requested is null) return null!;
        return string.IsNullOrEmpty(requested.Pin) && existing is not null ? requested with { Pin = existing.Voicemail.Pin } : requested;
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
        catch (BotPbx.Asterisk.Ami.AmiException e)
        {
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
