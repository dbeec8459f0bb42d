using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;

namespace BotPbx.Api.Features.Telephony.Conferences;

/// <summary>/api/conferences: ConfBridge rooms with optional user and admin PINs.</summary>
public static class ConferencesApi
{
    public static IEndpointRouteBuilder MapConferencesApi(this IEndpointRouteBuilder app)
    {
        PbxCrud.Map(app.MapGroup("/api/conferences").WithTags("Conferences"), PbxTables.Conferences, ("Conference", "Conferences"),
            Policies.Supervisor, Policies.Admin);
        return app;
    }
}
