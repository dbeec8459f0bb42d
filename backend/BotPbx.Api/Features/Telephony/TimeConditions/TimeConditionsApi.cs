using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;

namespace BotPbx.Api.Features.Telephony.TimeConditions;

/// <summary>/api/time-conditions: weekly ranges and holidays in an IANA zone → open/closed destinations.</summary>
public static class TimeConditionsApi
{
    public static IEndpointRouteBuilder MapTimeConditionsApi(this IEndpointRouteBuilder app)
    {
        PbxCrud.Map(app.MapGroup("/api/time-conditions").WithTags("Time conditions"), PbxTables.TimeConditions,
            ("TimeCondition", "TimeConditions"), Policies.Supervisor, Policies.Admin);
        return app;
    }
}
