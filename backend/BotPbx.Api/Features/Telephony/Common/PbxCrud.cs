using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>How a PBX object kind is exposed: names for OpenAPI, policies, and the request/response mapping.</summary>
public sealed class PbxCrudOptions<TRequest, TModel, TResponse, TCreated> where TModel : class
{
    public required PbxTable<TModel> Table { get; init; }

    /// <summary>Singular/plural PascalCase names for operation ids, e.g. ("Extension", "Extensions").</summary>
    public required (string One, string Many) Names { get; init; }

    public required string ReadPolicy { get; init; }
    public required string WritePolicy { get; init; }

    /// <summary>Builds the model from the request; the existing object is given on update (null on create).</summary>
    public required Func<TRequest, TModel?, TModel> ToModel { get; init; }
    public required Func<TModel, TResponse> ToResponse { get; init; }
    public required Func<TModel, TCreated> ToCreated { get; init; }

    /// <summary>Other names a request may give a field (alias → field, camelCase), e.g. the manual's <c>extension</c> for <c>number</c>.</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = new Dictionary<string, string>();

    /// <summary>Runs after a successful create (before = null), update, or delete (after = null); for side effects outside the database.</summary>
    public Func<HttpContext, TModel?, TModel?, CancellationToken, Task>? AfterWrite { get; init; }
}

/// <summary>List, get, create, update and delete for one PBX object kind, answering per API-CONTRACT.md.</summary>
public static class PbxCrud
{
    public static RouteGroupBuilder Map<TRequest, TModel, TResponse, TCreated>(RouteGroupBuilder group,
        PbxCrudOptions<TRequest, TModel, TResponse, TCreated> o) where TModel : class
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(o);
        var h = new PbxCrudHandlers<TRequest, TModel, TResponse, TCreated>(o);
        var noun = o.Table.Noun;
        // Handlers are passed as Delegate: ASP.NET's route-handler analyzer crashes (AD0001) on method groups of a
        // generic type; the runtime binds them by reflection exactly the same way.
        Delegate list = h.ListAsync, get = h.GetAsync, create = h.CreateAsync, update = h.UpdateAsync, delete = h.DeleteAsync;
        group.MapGet("/", list).RequireAuthorization(o.ReadPolicy).WithName("List" + o.Names.Many)
            .WithSummary($"{o.Names.Many}, filtered by search");
        group.MapGet("/{id:long}", get).RequireAuthorization(o.ReadPolicy).WithName("Get" + o.Names.One)
            .WithSummary($"One {noun}").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", create).RequireAuthorization(o.WritePolicy).WithName("Create" + o.Names.One)
            .WithSummary($"Create: {noun}; 422 with field errors when invalid, 409 on a name or number clash")
            .Accepts(typeof(TRequest), "application/json").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:long}", update).RequireAuthorization(o.WritePolicy).WithName("Update" + o.Names.One)
            .WithSummary($"Update: {noun}; only the fields sent change, the others keep their value")
            .Accepts(typeof(TRequest), "application/json").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:long}", delete).RequireAuthorization(o.WritePolicy).WithName("Delete" + o.Names.One)
            .WithSummary($"Delete: {noun}; 409 naming what still uses it")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>The common case: the model is the request and the response.</summary>
    public static RouteGroupBuilder Map<T>(RouteGroupBuilder group, PbxTable<T> table, (string One, string Many) names, string readPolicy,
        string writePolicy) where T : class =>
        Map(group, new PbxCrudOptions<T, T, T, T>
        {
            Table = table, Names = names, ReadPolicy = readPolicy, WritePolicy = writePolicy,
            ToModel = (request, _) => request, ToResponse = m => m, ToCreated = m => m,
        });

    public static ProblemHttpResult? Problem<T>(PbxWriteResult<T> result, PbxTable<T> table) where T : class
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(table);
        if (result.NotFound) return NotFound(table);
        if (result.Errors is { } errors) return ApiProblems.Validation(errors);
        if (result.Conflict is { } conflict) return ApiProblems.Conflict(conflict);
        return null;
    }

    public static ProblemHttpResult NotFound<T>(PbxTable<T> table) where T : class =>
        ApiProblems.NotFound($"No {table.Noun} with this id.");
}

internal sealed class PbxCrudHandlers<TRequest, TModel, TResponse, TCreated>(PbxCrudOptions<TRequest, TModel, TResponse, TCreated> o)
    where TModel : class
{
    public async Task<Ok<ListResponse<TResponse>>> ListAsync(PbxStore store, string? search, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var (items, total) = await store.ListAsync(o.Table, ListQuery.Validate(search, limit, offset), cancellationToken);
        return TypedResults.Ok(new ListResponse<TResponse>(items.Select(o.ToResponse).ToList(), total));
    }

    public async Task<Results<Ok<TResponse>, ProblemHttpResult>> GetAsync(long id, PbxStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(o.Table, id, cancellationToken) is { } found ? TypedResults.Ok(o.ToResponse(found)) : PbxCrud.NotFound(o.Table);

    /// <remarks>The body is read as a JSON object, not bound as <typeparamref name="TRequest"/>, so that aliases and partial updates
    /// are handled in one place (<see cref="PbxRequestBody"/>); the OpenAPI document still shows <typeparamref name="TRequest"/>.</remarks>
    public async Task<Results<Created<TCreated>, ProblemHttpResult>> CreateAsync(HttpContext httpContext, PbxStore store,
        CancellationToken cancellationToken)
    {
        var body = await PbxRequestBody.ReadObjectAsync(httpContext.Request, cancellationToken);
        var request = PbxRequestBody.Read<TRequest>(body, o.Aliases);
        var result = await store.SaveAsync(o.Table, null, existing => o.ToModel(request, existing), cancellationToken);
        if (PbxCrud.Problem(result, o.Table) is { } problem) return problem;
        var saved = result.Value!;
        if (o.AfterWrite is { } after) await after(httpContext, null, saved, cancellationToken);
        var id = o.Table.GetId(saved).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Created($"{httpContext.Request.Path.Value?.TrimEnd('/')}/{id}", o.ToCreated(saved));
    }

    public async Task<Results<Ok<TResponse>, ProblemHttpResult>> UpdateAsync(long id, HttpContext httpContext, PbxStore store,
        CancellationToken cancellationToken)
    {
        var body = await PbxRequestBody.ReadObjectAsync(httpContext.Request, cancellationToken);
        TModel? before = null;
        var result = await store.SaveAsync(o.Table, id, existing =>
        {
            before = existing;
            // The store calls this only when the object exists; fields the body leaves out keep their stored value.
            return o.ToModel(PbxRequestBody.Merge<TRequest, TModel>(body, o.Aliases, existing!), existing);
        }, cancellationToken);
        if (PbxCrud.Problem(result, o.Table) is { } problem) return problem;
        if (o.AfterWrite is { } after) await after(httpContext, before, result.Value, cancellationToken);
        return TypedResults.Ok(o.ToResponse(result.Value!));
    }

    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, HttpContext httpContext, PbxStore store, CancellationToken cancellationToken)
    {
        var result = await store.DeleteAsync(o.Table, id, cancellationToken);
        if (PbxCrud.Problem(result, o.Table) is { } problem) return problem;
        if (o.AfterWrite is { } after) await after(httpContext, result.Value, null, cancellationToken);
        return TypedResults.NoContent();
    }
}
