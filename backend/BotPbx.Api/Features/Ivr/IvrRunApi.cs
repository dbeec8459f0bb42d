using System.Text.Json;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Problems;
using BotPbx.Ivr.Flow;
using BotPbx.Ivr.Prompts;
using BotPbx.Ivr.Simulation;
using BotPbx.Ivr.Validation;
using BotPbx.Ivr.Versions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Ivr;

/// <summary>What runs: the browser simulator's sessions, synthesized prompts as audio, and the traces of real calls.</summary>
public static class IvrRunApi
{
    private const int MaxSimulatedDigits = 32;

    public static IEndpointRouteBuilder MapIvrRunApi(this IEndpointRouteBuilder app)
    {
        var ivrs = app.MapGroup("/api/ivrs/{id:long}").WithTags("IVRs").RequireAuthorization(Policies.Admin).ProducesAuthProblems();
        ivrs.MapPost("/simulate", StartSimulationAsync).ProducesInputProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("StartIvrSimulation")
            .WithSummary("Start a simulated call of the draft (or of a published version); runs the real executors");
        ivrs.MapPost("/simulate/{sessionId}", SendSimulationInputAsync).ProducesInputProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("SendIvrSimulationInput")
            .WithSummary("Send digits, a timeout or a hang-up; answers once the flow waits again or has ended");
        ivrs.MapDelete("/simulate/{sessionId}", EndSimulationAsync).ProducesProblem(StatusCodes.Status404NotFound).WithName("EndIvrSimulation")
            .WithSummary("End a simulated call");
        ivrs.MapGet("/traces", ListTracesAsync).ProducesInputProblems().ProducesProblem(StatusCodes.Status404NotFound).WithName("ListIvrTraces")
            .WithSummary("Traces of calls through this IVR, newest first");

        app.MapGet("/api/ivr-traces/{callId}", CallTracesAsync).WithTags("IVRs").RequireAuthorization(Policies.Admin).ProducesAuthProblems()
            .ProducesInputProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetIvrCallTraces").WithSummary("Every IVR run of one call (its Asterisk unique id)");
        app.MapGet("/api/ivr-prompts/{hash}.wav", Prompt).WithTags("IVRs").RequireAuthorization(Policies.Admin).ProducesAuthProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetIvrPrompt").WithSummary("A synthesized prompt as 8 kHz WAV, for the simulator");
        return app;
    }

    private static async Task<Results<Ok<SimulationState>, ProblemHttpResult>> StartSimulationAsync(long id, SimulateRequest request,
        IvrStore store, FlowValidator validator, SimulationSessions sessions, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var caller = request.CallerId?.Trim() ?? "5551234";
        var dnid = request.Dnid?.Trim() ?? "";
        errors.Check(caller.Length <= 32 && caller.All(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#'), "callerId", "must be a phone number");
        errors.Check(dnid.Length <= 32 && dnid.All(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#'), "dnid", "must be a phone number");
        if (errors.Any) return errors.ToProblem();

        var ivr = await store.FindAsync(id, cancellationToken);
        if (ivr is null) return ApiProblems.NotFound("No IVR with this id.");
        string json;
        int version;
        if (request.Version is { } wanted)
        {
            var found = await store.FindVersionAsync(id, wanted, cancellationToken);
            if (found is null) return ApiProblems.NotFound("No such version of this IVR.");
            (json, version) = (found.Flow, found.Version);
        }
        else
        {
            var result = await IvrFlows.ValidateAsync(validator, ivr.Draft, cancellationToken);
            if (result.Errors.Any(i => i.Code == "schema"))
            {
                var details = ApiProblems.ValidationDetails(new Dictionary<string, string[]>(result.ErrorDictionary()));
                details.Detail = "The draft breaks the flow schema, so it cannot run; fix the marked settings first.";
                details.Extensions["issues"] = result.Issues.Select(FlowIssueResponse.From).ToList();
                return TypedResults.Problem(details);
            }
            (json, version) = (ivr.Draft, 0);
        }
        using var document = JsonDocument.Parse(json);
        var snapshot = new IvrFlowSnapshot(IvrApi.IdText(id), version, FlowJson.ToFlow(document.RootElement));
        return TypedResults.Ok(await sessions.StartAsync(snapshot, caller, dnid, cancellationToken));
    }

    // Session ids are GUIDs, parsed here rather than by a route constraint: any other id is simply an unknown session
    // (404 after authorization), and every route stays reachable for the endpoint-protection walk.
    private static async Task<Results<Ok<SimulationState>, ProblemHttpResult>> SendSimulationInputAsync(long id, string sessionId,
        SimulationInputRequest request, SimulationSessions sessions, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(sessionId, out var session)) return ApiProblems.NotFound("No such simulation session.");
        var digits = request.Digits ?? "";
        if (digits.Length > MaxSimulatedDigits || !digits.All(c => char.IsAsciiDigit(c) || c is '*' or '#'))
        {
            return ApiProblems.Validation("digits", $"must be up to {MaxSimulatedDigits} of 0-9, * and #");
        }
        var input = new SimulationInput(digits.Length > 0 ? digits : null, request.Timeout == true, request.Hangup == true);
        var state = await sessions.SendAsync(session, IvrApi.IdText(id), input, cancellationToken);
        return state is null ? ApiProblems.NotFound("No such simulation session (it may have ended or expired).") : TypedResults.Ok(state);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndSimulationAsync(long id, string sessionId, SimulationSessions sessions,
        CancellationToken cancellationToken) =>
        Guid.TryParse(sessionId, out var session) && await sessions.EndAsync(session, IvrApi.IdText(id), cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("No such simulation session.");

    private static async Task<Results<Ok<ListResponse<IvrTraceResponse>>, ProblemHttpResult>> ListTracesAsync(long id, int? limit, int? offset,
        IvrStore store, IvrTraceStore traces, CancellationToken cancellationToken)
    {
        var query = ListQuery.Validate(null, limit, offset);
        if (await store.FindAsync(id, cancellationToken) is null) return ApiProblems.NotFound("No IVR with this id.");
        var (items, total) = await traces.ListForIvrAsync(id, query.Limit, query.Offset, cancellationToken);
        return TypedResults.Ok(new ListResponse<IvrTraceResponse>(items, total));
    }

    private static async Task<Results<Ok<ListResponse<IvrTraceResponse>>, ProblemHttpResult>> CallTracesAsync(string callId, IvrTraceStore traces,
        CancellationToken cancellationToken)
    {
        if (callId.Length > 128) return ApiProblems.Validation("callId", "must be at most 128 characters");
        var items = await traces.ListForCallAsync(callId, cancellationToken);
        return items.Count == 0
            ? ApiProblems.NotFound("No IVR trace for this call.")
            : TypedResults.Ok(new ListResponse<IvrTraceResponse>(items, items.Count));
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Prompt(string hash, PromptCache cache) =>
        cache.TryGetWav(hash) is { } path
            ? TypedResults.PhysicalFile(path, "audio/wav", enableRangeProcessing: true)
            : ApiProblems.NotFound("No such prompt.");
}
