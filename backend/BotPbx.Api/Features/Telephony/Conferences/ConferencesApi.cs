using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Telephony.Model;

namespace BotPbx.Api.Features.Telephony.Conferences;

/// <summary>A room as reads show it: both PINs are write-only (<c>hasPin</c>, <c>hasAdminPin</c>), like trunk passwords.</summary>
public sealed record ConferenceResponse(
    long Id, string Number, string Name, bool HasPin, bool HasAdminPin, int MaxMembers, bool Record, bool AnnounceJoinLeave, string MohClass)
{
    public static ConferenceResponse From(Conference c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Number, c.Name, c.Pin.Length > 0, c.AdminPin.Length > 0, c.MaxMembers, c.Record, c.AnnounceJoinLeave, c.MohClass);
    }
}

/// <summary>The room form's body: a PIN that is null or omitted keeps the current one; <c>""</c> removes it.</summary>
public sealed record ConferenceWriteRequest
{
    public string Number { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Pin { get; init; }
    public string? AdminPin { get; init; }
    public int MaxMembers { get; init; }
    public bool Record { get; init; }
    public bool AnnounceJoinLeave { get; init; }
    public string MohClass { get; init; } = "default";

    public Conference ToConference(Conference? existing) => new()
    {
        Number = Number, Name = Name, Pin = Pin ?? existing?.Pin ?? "", AdminPin = AdminPin ?? existing?.AdminPin ?? "",
        MaxMembers = MaxMembers, Record = Record, AnnounceJoinLeave = AnnounceJoinLeave, MohClass = MohClass,
    };
}

/// <summary>/api/conferences: ConfBridge rooms with optional user and admin PINs, which reads never show.</summary>
public static class ConferencesApi
{
    public static IEndpointRouteBuilder MapConferencesApi(this IEndpointRouteBuilder app)
    {
        PbxCrud.Map(app.MapGroup("/api/conferences").WithTags("Conferences"),
            new PbxCrudOptions<ConferenceWriteRequest, Conference, ConferenceResponse, ConferenceResponse>
            {
                Table = PbxTables.Conferences, Names = ("Conference", "Conferences"),
                ReadPolicy = Policies.Supervisor, WritePolicy = Policies.Admin,
                ToModel = (request, existing) => request.ToConference(existing),
                ToResponse = ConferenceResponse.From, ToCreated = ConferenceResponse.From,
            });
        return app;
    }
}
