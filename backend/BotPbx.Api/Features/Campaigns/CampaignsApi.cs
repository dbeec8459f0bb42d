using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Campaigns.Dialing;
using BotPbx.Api.Features.Campaigns.Scheduling;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using BotPbx.Ivr.Prompts;
using BotPbx.Telephony.Validation;
using BotPbx.Voice.Agents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Campaigns;

/// <summary>
/// /api/campaigns (seed 003's REST section and more): supervisors read and run campaigns (start, pause, resume,
/// stop, contacts, do-not-call), admins create, change and delete them. docs/campaigns.md has examples.
/// </summary>
public static class CampaignsApi
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<ContactStore>();
        services.AddSingleton<CampaignStatsStore>();
        services.AddSingleton<DialerStore>();
        services.AddSingleton<CampaignCallPlanner>();
        services.AddSingleton<CampaignReconciler>();
        services.AddSingleton<IPromptVariableSource, CampaignPromptVariables>();
        services.AddSingleton<CampaignWindowJob>();
        services.AddSingleton<CampaignRetryJob>();
        services.AddSingleton<CampaignJobs>();
        services.AddSingleton<IRetryScheduler>(sp => sp.GetRequiredService<CampaignJobs>());
        services.AddHostedService<CampaignJobsStartup>();
        services.AddHostedService<CampaignDialer>();
        return services;
    }

    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization(Policies.Supervisor).ProducesAuthProblems();
        g.MapGet("/", ListAsync).WithName("ListCampaigns").WithSummary("Every campaign, newest first");
        g.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin).ProducesInputProblems().WithName("CreateCampaign")
            .WithSummary("Create a campaign (draft); seed 003's trunk_id, caller_id and agent_id are accepted");
        g.MapGet("/{id:long}", GetAsync).WithName("GetCampaign");
        g.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin).ProducesInputProblems().WithName("UpdateCampaign")
            .WithSummary("Replace the settings; refused (409) while running");
        g.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin).WithName("DeleteCampaign").WithSummary("Refused (409) while running");
        g.MapPost("/{id:long}/start", (long id, CampaignStore s, CampaignJobs j, CancellationToken ct) => MoveAsync(id, ["draft", "paused", "completed"], "running", s, j, ct))
            .WithName("StartCampaign").WithSummary("Dial inside the schedule window");
        g.MapPost("/{id:long}/pause", (long id, CampaignStore s, CampaignJobs j, CancellationToken ct) => MoveAsync(id, ["running"], "paused", s, j, ct))
            .WithName("PauseCampaign").WithSummary("No new calls; calls in progress finish");
        g.MapPost("/{id:long}/resume", (long id, CampaignStore s, CampaignJobs j, CancellationToken ct) => MoveAsync(id, ["paused"], "running", s, j, ct))
            .WithName("ResumeCampaign");
        g.MapPost("/{id:long}/stop", (long id, CampaignStore s, CampaignJobs j, CancellationToken ct) => MoveAsync(id, ["draft", "running", "paused", "completed"], "stopped", s, j, ct))
            .WithName("StopCampaign").WithSummary("Ends the campaign: waiting contacts become done; calls in progress finish");
        g.MapGet("/{id:long}/stats", StatsAsync).WithName("GetCampaignStats")
            .WithSummary("total, connected, voicemail, noAnswer, busy, failed, conversion, abandon rate, contact states, per-minute timeline");
        CampaignContactsApi.Map(g);
        VoicemailMessageApi.Map(g);
        DncApi.Map(app, g);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<Campaign>>> ListAsync(CampaignStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Results<Ok<Campaign>, ProblemHttpResult>> GetAsync(long id, CampaignStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } c ? TypedResults.Ok(c) : ApiProblems.NotFound("There is no campaign with this id.");

    private static async Task<Results<Created<Campaign>, ProblemHttpResult>> CreateAsync(CampaignRequest request, CampaignStore store, PbxStore pbx,
        IIvrRecordings recordings, CancellationToken cancellationToken)
    {
        var settings = request.ToSettings();
        var errors = CampaignValidator.Validate(request.Name, settings, new PbxReferences(await pbx.LoadAsync(cancellationToken)));
        if (errors.Any) return errors.ToProblem();
        if (await MissingRecordingAsync(settings, recordings, cancellationToken) is { } missing) return missing;
        return await store.CreateAsync(request.Name!.Trim(), settings, cancellationToken) is { } created
            ? TypedResults.Created($"/api/campaigns/{created.Id}", created)
            : ApiProblems.Conflict("A campaign with this name exists.");
    }

    private static async Task<Results<Ok<Campaign>, ProblemHttpResult>> UpdateAsync(long id, CampaignRequest request, CampaignStore store, PbxStore pbx,
        IIvrRecordings recordings, CampaignJobs jobs, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } existing) return ApiProblems.NotFound("There is no campaign with this id.");
        if (existing.Status == "running") return ApiProblems.Conflict("Pause the campaign before changing it.");
        var settings = request.ToSettings();
        var errors = CampaignValidator.Validate(request.Name, settings, new PbxReferences(await pbx.LoadAsync(cancellationToken)));
        if (errors.Any) return errors.ToProblem();
        if (await MissingRecordingAsync(settings, recordings, cancellationToken) is { } missing) return missing;
        var (updated, taken) = await store.UpdateAsync(id, request.Name!.Trim(), settings, cancellationToken);
        if (taken) return ApiProblems.Conflict("A campaign with this name exists.");
        if (updated is null) return ApiProblems.NotFound("There is no campaign with this id.");
        // A paused campaign's schedule may have changed: its window jobs get the new times and zone.
        if (updated.Status == "paused") await jobs.FollowAsync(updated);
        return TypedResults.Ok(await store.GetAsync(id, cancellationToken) ?? updated);
    }

    /// <summary>A message recording must exist (uploaded through /voicemail-messages or among the IVR recordings): a machine would otherwise hear nothing.</summary>
    private static async Task<ProblemHttpResult?> MissingRecordingAsync(CampaignSettings settings, IIvrRecordings recordings, CancellationToken cancellationToken) =>
        settings.OnVoicemail is { Action: "playRecording", RecordingId: { Length: > 0 } id } && await recordings.GetPlaybackFileAsync(id, cancellationToken) is null
            ? ApiProblems.Validation("onVoicemail.recordingId", "no recording has this id; upload the message again")
            : null;

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, CampaignStore store, CampaignJobs jobs, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } existing) return ApiProblems.NotFound("There is no campaign with this id.");
        if (existing.Status == "running") return ApiProblems.Conflict("Stop the campaign before deleting it.");
        await store.DeleteAsync(id, cancellationToken);
        jobs.StopFollowing(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Campaign>, ProblemHttpResult>> MoveAsync(long id, string[] from, string to, CampaignStore store,
        CampaignJobs jobs, CancellationToken cancellationToken)
    {
        if (await store.TransitionAsync(id, from, to, cancellationToken) is { } moved)
        {
            // Running: Hangfire's window jobs follow it (and open the window now if inside it); stopped: they are removed.
            if (to == "running") await jobs.FollowAsync(moved);
            if (to == "stopped") jobs.StopFollowing(id);
            return TypedResults.Ok(await store.GetAsync(id, cancellationToken) ?? moved);
        }
        return await store.GetAsync(id, cancellationToken) is { } c
            ? ApiProblems.Conflict($"A {c.Status} campaign cannot become {to}.")
            : ApiProblems.NotFound("There is no campaign with this id.");
    }

    private static async Task<Results<Ok<CampaignStatsResponse>, ProblemHttpResult>> StatsAsync(long id, CampaignStore store, CampaignStatsStore stats,
        CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } c
            ? TypedResults.Ok(await stats.GetAsync(id, c.Settings.ConversionDispositions, cancellationToken))
            : ApiProblems.NotFound("There is no campaign with this id.");
}
