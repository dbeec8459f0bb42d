using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Telephony.Extensions;

/// <summary>
/// /api/extensions. The body is the extension model; <c>secret</c> may be left empty: on create the server generates
/// a strong one (returned once), on update the current one is kept. Reads never contain the secret.
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
            },
            ToResponse = ExtensionResponse.From,
            ToCreated = e => new CreatedExtensionResponse(ExtensionResponse.From(e), e.Secret),
        });
        group.MapPost("/{id:long}/reveal-secret", RevealSecretAsync).RequireAuthorization(Policies.Admin)
            .WithName("RevealExtensionSecret").WithSummary("Show the SIP secret (audited)");
        group.MapPost("/{id:long}/regenerate-secret", RegenerateSecretAsync).RequireAuthorization(Policies.Admin)
            .WithName("RegenerateExtensionSecret").WithSummary("Replace the SIP secret with a new generated one, returned once (audited)");
        return app;
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
