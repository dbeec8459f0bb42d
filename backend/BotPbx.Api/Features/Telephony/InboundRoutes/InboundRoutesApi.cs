using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;

namespace BotPbx.Api.Features.Telephony.InboundRoutes;

/// <summary>/api/inbound-routes: DID (+ optional caller-ID pattern, optional trunk) → destination.</summary>
public static class InboundRoutesApi
{
    public static IEndpointRouteBuilder MapInboundRoutesApi(this IEndpointRouteBuilder app)
    {
        PbxCrud.Map(app.MapGroup("/api/inbound-routes").WithTags("Inbound routes"), PbxTables.InboundRoutes,
            ("InboundRoute", "InboundRoutes"), Policies.Supervisor, Policies.Admin);
        return app;
    }
}
