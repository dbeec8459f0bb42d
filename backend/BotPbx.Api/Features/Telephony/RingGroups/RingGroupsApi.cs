using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;

namespace BotPbx.Api.Features.Telephony.RingGroups;

/// <summary>/api/ring-groups: ring-all or hunt over extensions, then a destination.</summary>
public static class RingGroupsApi
{
    public static IEndpointRouteBuilder MapRingGroupsApi(this IEndpointRouteBuilder app)
    {
        PbxCrud.Map(app.MapGroup("/api/ring-groups").WithTags("Ring groups"), PbxTables.RingGroups, ("RingGroup", "RingGroups"),
            Policies.Supervisor, Policies.Admin);
        return app;
    }
}
