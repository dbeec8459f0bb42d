using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Telephony.PbxSettings;

/// <summary>/api/feature-codes and /api/sip-settings: the two PBX-wide singletons.</summary>
public static class PbxSettingsApi
{
    private static readonly Dictionary<string, string> NoAliases = [];

    public static IEndpointRouteBuilder MapPbxSettingsApi(this IEndpointRouteBuilder app)
    {
        var codes = app.MapGroup("/api/feature-codes").WithTags("Feature codes");
        codes.MapGet("/", async (PbxStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.SettingAsync<FeatureCodes>(PbxStore.FeatureCodesKey, ct) ?? new FeatureCodes()))
            .RequireAuthorization(Policies.Agent).WithName("GetFeatureCodes").WithSummary("The star codes phones dial");
        codes.MapPut("/", PutFeatureCodesAsync).RequireAuthorization(Policies.Admin).WithName("SetFeatureCodes")
            .WithSummary("Change the codes (only those sent); each is * and 1–4 digits, all different, none a prefix of another")
            .Accepts<FeatureCodes>("application/json");

        var sip = app.MapGroup("/api/sip-settings").WithTags("SIP settings");
        sip.MapGet("/", async (PbxStore store, CancellationToken ct) =>
                TypedResults.Ok(await store.SettingAsync<SipSettings>(PbxStore.SipKey, ct) ?? new SipSettings()))
            .RequireAuthorization(Policies.Admin).WithName("GetSipSettings").WithSummary("Transports, NAT, RTP range, WebRTC port, codecs");
        sip.MapPut("/", PutSipSettingsAsync).RequireAuthorization(Policies.Admin).WithName("SetSipSettings")
            .WithSummary("Change the SIP settings sent (applied with the next reload); the others keep their value")
            .Accepts<SipSettings>("application/json");
        return app;
    }

    private static async Task<Results<Ok<FeatureCodes>, ProblemHttpResult>> PutFeatureCodesAsync(HttpRequest http, PbxStore store,
        CancellationToken cancellationToken)
    {
        var body = await PbxRequestBody.ReadObjectAsync(http, cancellationToken);
        var stored = await store.SettingAsync<FeatureCodes>(PbxStore.FeatureCodesKey, cancellationToken) ?? new FeatureCodes();
        var request = PbxRequestBody.Merge<FeatureCodes, FeatureCodes>(body, NoAliases, stored);
        var result = await store.SaveSettingAsync(PbxStore.FeatureCodesKey, request, FeatureCodesValidator.Validate, cancellationToken);
        return result.Errors is { } errors ? ApiProblems.Validation(errors) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<SipSettings>, ProblemHttpResult>> PutSipSettingsAsync(HttpRequest http, PbxStore store,
        CancellationToken cancellationToken)
    {
        var body = await PbxRequestBody.ReadObjectAsync(http, cancellationToken);
        var stored = await store.SettingAsync<SipSettings>(PbxStore.SipKey, cancellationToken) ?? new SipSettings();
        var request = PbxRequestBody.Merge<SipSettings, SipSettings>(body, NoAliases, stored);
        var result = await store.SaveSettingAsync(PbxStore.SipKey, request, SipSettingsValidator.Validate, cancellationToken);
        return result.Errors is { } errors ? ApiProblems.Validation(errors) : TypedResults.Ok(result.Value!);
    }
}
