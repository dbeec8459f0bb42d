using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Telephony.Trunks;

/// <summary>A trunk as reads show it: the provider password is write-only (<c>hasPassword</c> tells whether one is set).</summary>
public sealed record TrunkResponse(
    long Id, string Name, string Provider, string Host, int Port, SipTransport Transport, bool Register, string Username,
    string AuthUsername, bool HasPassword, string OutboundProxy, IReadOnlyList<string> Codecs, DtmfMode DtmfMode, bool Qualify,
    int QualifySeconds, bool DirectMedia, bool ForceRport, bool RewriteContact, bool T38, string FromUser, string FromDomain,
    IReadOnlyList<string> InboundMatch, bool Enabled)
{
    public static TrunkResponse From(Trunk t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.Name, t.Provider, t.Host, t.Port, t.Transport, t.Register, t.Username, t.AuthUsername, t.Password.Length > 0,
            t.OutboundProxy, t.Codecs, t.DtmfMode, t.Qualify, t.QualifySeconds, t.DirectMedia, t.ForceRport, t.RewriteContact, t.T38,
            t.FromUser, t.FromDomain, t.InboundMatch, t.Enabled);
    }
}

/// <summary>The trunk form's body: the trunk fields, with a password that may be null (= keep the current one).</summary>
public sealed record TrunkWriteRequest(
    string Name, string? Provider, string Host, int? Port, SipTransport? Transport, bool Register, string? Username, string? AuthUsername,
    string? Password, string? OutboundProxy, IReadOnlyList<string>? Codecs, DtmfMode? DtmfMode, bool? Qualify, int? QualifySeconds,
    bool DirectMedia, bool? ForceRport, bool? RewriteContact, bool T38, string? FromUser, string? FromDomain,
    IReadOnlyList<string>? InboundMatch, bool? Enabled)
{
    /// <summary>Omitted optional fields take the model's defaults.</summary>
    public Trunk ToTrunk(string password)
    {
        var d = new Trunk();
        return new Trunk
        {
            Name = Name ?? "", Provider = Provider ?? d.Provider, Host = Host ?? "", Port = Port ?? d.Port, Transport = Transport ?? d.Transport,
            Register = Register, Username = Username ?? "", AuthUsername = AuthUsername ?? "", Password = password,
            OutboundProxy = OutboundProxy ?? "", Codecs = Codecs ?? d.Codecs, DtmfMode = DtmfMode ?? d.DtmfMode, Qualify = Qualify ?? d.Qualify,
            QualifySeconds = QualifySeconds ?? d.QualifySeconds, DirectMedia = DirectMedia, ForceRport = ForceRport ?? d.ForceRport,
            RewriteContact = RewriteContact ?? d.RewriteContact, T38 = T38, FromUser = FromUser ?? "", FromDomain = FromDomain ?? "",
            InboundMatch = InboundMatch ?? [], Enabled = Enabled ?? true,
        };
    }
}

/// <summary>Live state of a trunk as Asterisk sees it (needs the configuration applied and AMI connected).</summary>
public sealed record TrunkTestResponse(string Endpoint, string? Registration, string? Reachability, double? RoundtripMs, string Summary);

/// <summary>
/// /api/trunks and /api/trunk-presets. On update, an omitted or null <c>password</c> keeps the current one;
/// send <c>""</c> to remove it (IP-authenticated trunks).
/// </summary>
public static class TrunksApi
{
    public static IEndpointRouteBuilder MapTrunksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/trunks").WithTags("Trunks");
        PbxCrud.Map(group, new PbxCrudOptions<TrunkWriteRequest, Trunk, TrunkResponse, TrunkResponse>
        {
            Table = PbxTables.Trunks, Names = ("Trunk", "Trunks"), ReadPolicy = Policies.Admin, WritePolicy = Policies.Admin,
            ToModel = (request, existing) => request.ToTrunk(request.Password ?? existing?.Password ?? ""),
            ToResponse = TrunkResponse.From, ToCreated = TrunkResponse.From,
        });
        group.MapPost("/{id:long}/test", TestAsync).RequireAuthorization(Policies.Admin).WithName("TestTrunk")
            .WithSummary("Registration and reachability of the trunk, read live over AMI; 503 asterisk_unavailable when AMI fails or times out")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/trunk-presets", () => TypedResults.Ok(TrunkPresets.All)).WithTags("Trunks")
            .RequireAuthorization(Policies.Admin).WithName("ListTrunkPresets").WithSummary("Provider presets for the trunk form");
        return app;
    }

    private static async Task<Results<Ok<TrunkTestResponse>, ProblemHttpResult>> TestAsync(
        long id, PbxStore store, Asterisk.AsteriskAccess asterisk, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(PbxTables.Trunks, id, cancellationToken) is not { } trunk) return PbxCrud.NotFound(PbxTables.Trunks);
        if (asterisk.Inspector is not { } inspector)
            return ApiProblems.AsteriskUnavailable("AMI is not configured (AMI_USER, AMI_SECRET), so the trunk cannot be tested.");
        // An AMI failure or timeout here is answered 503 asterisk_unavailable by ProblemExceptionHandler (Problems/AsteriskFailures).
        var section = AsteriskNames.TrunkSection(trunk.Id);
        var probe = await inspector.ProbeTrunkAsync(section, cancellationToken);
        var summary = (trunk.Register, probe.Registration, probe.Reachability) switch
        {
            (_, null, null) => "Asterisk does not know this trunk yet: apply the configuration first.",
            (true, "Registered", _) => "Registered with the provider.",
            (true, var r, _) => $"Not registered ({r ?? "no registration"}).",
            (false, _, "Reachable") => "The provider answers OPTIONS.",
            (false, _, var c) => $"Reachability: {c ?? "unknown"}.",
        };
        return TypedResults.Ok(new TrunkTestResponse(section, probe.Registration, probe.Reachability, probe.RoundtripMs, summary));
    }
}
