using System.Globalization;
using System.Text.Json;
using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using BotPbx.Ivr.Schema;
using BotPbx.Ivr.Validation;
using BotPbx.Telephony.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Ivr;

/// <summary>
/// /api/ivrs: IVRs with a freely saved draft, publishing (validated; new calls only), versions, restore, and
/// validation for the builder. Import/export is the flow JSON itself (GET an IVR's flow, PUT it into another).
/// </summary>
public static class IvrApi
{
    public static IEndpointRouteBuilder MapIvrApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ivrs").WithTags("IVRs").RequireAuthorization(Policies.Admin).ProducesAuthProblems();
        group.MapGet("/", ListAsync).ProducesInputProblems().WithName("ListIvrs").WithSummary("IVRs, filtered by name");
        group.MapPost("/", CreateAsync).ProducesInputProblems().ProducesProblem(StatusCodes.Status409Conflict).WithName("CreateIvr")
            .WithSummary("Create an IVR; without a flow it gets a start node");
        group.MapGet("/schema", Schema).WithName("GetIvrFlowSchema").WithSummary("The JSON Schema of the flow document");
        group.MapPost("/validate", ValidateAsync).ProducesInputProblems().WithName("ValidateIvrFlow")
            .WithSummary("Validate a flow without saving it");
        group.MapGet("/{id:long}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetIvr")
            .WithSummary("One IVR with its draft flow and the draft's validation");
        group.MapPut("/{id:long}", SaveAsync).ProducesInputProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).WithName("SaveIvrDraft")
            .WithSummary("Save the draft (name and/or flow; what is left out keeps its value); saved even with errors (they block publishing), warnings and errors are returned");
        group.MapDelete("/{id:long}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("DeleteIvr").WithSummary("Delete an IVR with its versions and traces; 409 while another IVR jumps to it or a PBX object routes to it");
        group.MapPost("/{id:long}/publish", PublishAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).WithName("PublishIvr")
            .WithSummary("Make the draft the live version for new calls; 422 with per-node messages when it has errors");
        group.MapGet("/{id:long}/versions", ListVersionsAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("ListIvrVersions")
            .WithSummary("Published versions, newest first");
        group.MapGet("/{id:long}/versions/{version:int}", GetVersionAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetIvrVersion")
            .WithSummary("One published version's flow");
        group.MapPost("/{id:long}/versions/{version:int}/restore", RestoreAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RestoreIvrVersion").WithSummary("Copy a published version into the draft");
        return app;
    }

    private static async Task<Ok<ListResponse<IvrSummaryResponse>>> ListAsync(IvrStore store, string? search, int? limit, int? offset,
        CancellationToken cancellationToken)
    {
        var (items, total) = await store.ListAsync(ListQuery.Validate(search, limit, offset), cancellationToken);
        return TypedResults.Ok(new ListResponse<IvrSummaryResponse>(
            [.. items.Select(i => new IvrSummaryResponse(i.Id, i.Name, i.PublishedVersion, i.DraftUpdatedAt, i.UpdatedAt))], total));
    }

    private static async Task<Results<Created<IvrResponse>, ProblemHttpResult>> CreateAsync(SaveIvrRequest request, HttpContext httpContext,
        IvrStore store, FlowValidator validator, IvrFeatureOptions options, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        ValidateName(errors, request.Name);
        var flow = request.Flow is null ? IvrFlows.Empty : IvrFlows.Read(errors, request.Flow, options.MaxFlowBytes);
        if (errors.Any) return errors.ToProblem();
        var ivr = await store.CreateAsync(request.Name!.Trim(), flow!, cancellationToken);
        if (ivr is null) return ApiProblems.Conflict("An IVR with this name already exists.");
        await audit.WriteAsync(httpContext, IvrAuditActions.Created, ivr.Name, new { id = ivr.Id }, cancellationToken);
        return TypedResults.Created($"/api/ivrs/{ivr.Id}", await ToResponseAsync(ivr, validator, cancellationToken));
    }

    private static Ok<JsonElement> Schema()
    {
        using var document = JsonDocument.Parse(FlowSchema.Text);
        return TypedResults.Ok(document.RootElement.Clone());
    }

    private static async Task<Results<Ok<FlowValidationResponse>, ProblemHttpResult>> ValidateAsync(ValidateFlowRequest request,
        FlowValidator validator, IvrFeatureOptions options, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var flow = IvrFlows.Read(errors, request.Flow, options.MaxFlowBytes);
        if (errors.Any) return errors.ToProblem();
        using var document = JsonDocument.Parse(flow!);
        return TypedResults.Ok(FlowValidationResponse.From(await validator.ValidateAsync(document.RootElement, cancellationToken)));
    }

    private static async Task<Results<Ok<IvrResponse>, ProblemHttpResult>> GetAsync(long id, IvrStore store, FlowValidator validator,
        CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } ivr
            ? TypedResults.Ok(await ToResponseAsync(ivr, validator, cancellationToken))
            : ApiProblems.NotFound("No IVR with this id.");

    private static async Task<Results<Ok<IvrResponse>, ProblemHttpResult>> SaveAsync(long id, SaveIvrRequest request, IvrStore store,
        FlowValidator validator, IvrFeatureOptions options, CancellationToken cancellationToken)
    {
        // Like every PUT of a PBX object, only what is sent changes: a body without a name keeps the name, one without
        // a flow keeps the draft (the manual's bare "PUT /api/ivrs/:id" is then a harmless save).
        if (request.Name is null || request.Flow is null)
        {
            if (await store.FindAsync(id, cancellationToken) is not { } stored) return ApiProblems.NotFound("No IVR with this id.");
            request = new SaveIvrRequest(request.Name ?? stored.Name, request.Flow ?? IvrFlows.Element(stored.Draft));
        }
        var errors = new FieldErrors();
        ValidateName(errors, request.Name);
        var flow = IvrFlows.Read(errors, request.Flow, options.MaxFlowBytes);
        if (errors.Any) return errors.ToProblem();
        IvrRecord? ivr;
        try
        {
            ivr = await store.SaveDraftAsync(id, request.Name!.Trim(), flow!, cancellationToken);
        }
        catch (DuplicateIvrNameException)
        {
            return ApiProblems.Conflict("An IVR with this name already exists.");
        }
        // Draft saves are not audited: the builder saves often, and a draft changes no call until it is published.
        if (ivr is null) return ApiProblems.NotFound("No IVR with this id.");
        return TypedResults.Ok(await ToResponseAsync(ivr, validator, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, HttpContext httpContext, IvrStore store, PbxStore pbx,
        AuditLog audit, CancellationToken cancellationToken)
    {
        var ivr = await store.FindAsync(id, cancellationToken);
        if (ivr is null) return ApiProblems.NotFound("No IVR with this id.");
        // Deleting a goToIvr target would send callers of the other IVR to the fallback.
        var referencing = await store.ReferencingAsync(id, cancellationToken);
        if (referencing.Count > 0) return ApiProblems.Conflict($"Other IVRs jump to this one: {string.Join(", ", referencing)}.");
        // Under the PBX write lock: no inbound route, time condition, queue or ring group can start pointing at the IVR
        // between the check and the delete (their saves check that the IVR exists while holding the same lock).
        var outcome = await pbx.InLockAsync<ProblemHttpResult?>(async (connection, transaction) =>
        {
            var config = await pbx.LoadAsync(connection, transaction, cancellationToken);
            var users = PbxReferrers.Find(config, PbxObjectKind.Ivr, IdText(id));
            if (users.Count > 0) return ApiProblems.Conflict($"The IVR is used by {string.Join(", ", users)}.");
            return await store.DeleteAsync(id, cancellationToken) ? null : ApiProblems.NotFound("No IVR with this id.");
        }, cancellationToken);
        if (outcome is not null) return outcome;
        await audit.WriteAsync(httpContext, IvrAuditActions.Deleted, ivr.Name, new { id }, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PublishResponse>, ProblemHttpResult>> PublishAsync(long id, HttpContext httpContext, IvrStore store,
        PbxStore pbx, FlowValidator validator, AuditLog audit, CancellationToken cancellationToken)
    {
        var ivr = await store.FindAsync(id, cancellationToken);
        if (ivr is null) return ApiProblems.NotFound("No IVR with this id.");
        // Validated and published under the PBX write lock, so a queue the flow transfers to cannot be deleted or
        // renumbered between the check and the flow going live (that delete asks the live flows while holding the lock).
        var (result, version) = await pbx.InLockAsync(async (_, _) =>
        {
            var validation = await IvrFlows.ValidateAsync(validator, ivr.Draft, cancellationToken);
            return validation.IsValid
                ? (validation, await store.PublishAsync(id, ivr.Draft, httpContext.User.UserId(), cancellationToken))
                : (validation, null);
        }, cancellationToken);
        if (!result.IsValid)
        {
            var details = ApiProblems.ValidationDetails(new Dictionary<string, string[]>(result.ErrorDictionary()));
            details.Detail = "The draft has errors; fix them before publishing.";
            details.Extensions["issues"] = result.Issues.Select(FlowIssueResponse.From).ToList();
            return TypedResults.Problem(details);
        }
        if (version is null) return ApiProblems.NotFound("No IVR with this id.");
        await audit.WriteAsync(httpContext, IvrAuditActions.Published, ivr.Name, new { id, version = version.Version }, cancellationToken);
        return TypedResults.Ok(new PublishResponse(version.Version, version.PublishedAt, [.. result.Warnings.Select(FlowIssueResponse.From)]));
    }

    private static async Task<Results<Ok<ListResponse<IvrVersionSummaryResponse>>, ProblemHttpResult>> ListVersionsAsync(long id, IvrStore store,
        CancellationToken cancellationToken)
    {
        var ivr = await store.FindAsync(id, cancellationToken);
        if (ivr is null) return ApiProblems.NotFound("No IVR with this id.");
        var versions = await store.ListVersionsAsync(id, cancellationToken);
        return TypedResults.Ok(new ListResponse<IvrVersionSummaryResponse>(
            [.. versions.Select(v => new IvrVersionSummaryResponse(v.Version, v.PublishedAt, v.PublishedBy, v.Version == ivr.PublishedVersion))],
            versions.Count));
    }

    private static async Task<Results<Ok<IvrVersionResponse>, ProblemHttpResult>> GetVersionAsync(long id, int version, IvrStore store,
        CancellationToken cancellationToken)
    {
        var ivr = await store.FindAsync(id, cancellationToken);
        var found = ivr is null ? null : await store.FindVersionAsync(id, version, cancellationToken);
        if (found is null) return ApiProblems.NotFound("No such version of this IVR.");
        return TypedResults.Ok(new IvrVersionResponse(found.Version, found.PublishedAt, found.PublishedBy, found.Version == ivr!.PublishedVersion,
            IvrFlows.Element(found.Flow)));
    }

    private static async Task<Results<Ok<IvrResponse>, ProblemHttpResult>> RestoreAsync(long id, int version, HttpContext httpContext,
        IvrStore store, FlowValidator validator, AuditLog audit, CancellationToken cancellationToken)
    {
        var ivr = await store.FindAsync(id, cancellationToken);
        var found = ivr is null ? null : await store.FindVersionAsync(id, version, cancellationToken);
        if (found is null) return ApiProblems.NotFound("No such version of this IVR.");
        var saved = await store.SaveDraftAsync(id, ivr!.Name, found.Flow, cancellationToken);
        if (saved is null) return ApiProblems.NotFound("No IVR with this id.");
        await audit.WriteAsync(httpContext, IvrAuditActions.Restored, ivr.Name, new { id, version }, cancellationToken);
        return TypedResults.Ok(await ToResponseAsync(saved, validator, cancellationToken));
    }

    private static void ValidateName(FieldErrors errors, string? name)
    {
        if (!errors.Required("name", name)) return;
        errors.MaxLength("name", name!.Trim(), 100);
        errors.NoControlCharacters("name", name);
    }

    private static async Task<IvrResponse> ToResponseAsync(IvrRecord ivr, FlowValidator validator, CancellationToken cancellationToken)
    {
        var result = await IvrFlows.ValidateAsync(validator, ivr.Draft, cancellationToken);
        return new IvrResponse(ivr.Id, ivr.Name, IvrFlows.Element(ivr.Draft), ivr.PublishedVersion, ivr.DraftUpdatedAt, ivr.CreatedAt,
            ivr.UpdatedAt, FlowValidationResponse.From(result));
    }

    internal static string IdText(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Audit actions of the IVR feature.</summary>
public static class IvrAuditActions
{
    public const string Created = "ivr.created";
    public const string Published = "ivr.published";
    public const string Restored = "ivr.restored";
    public const string Deleted = "ivr.deleted";
}
