using BotPbx.Api.Features.Asterisk;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Features.Telephony.Conferences;
using BotPbx.Api.Features.Telephony.Destinations;
using BotPbx.Api.Features.Telephony.Extensions;
using BotPbx.Api.Features.Telephony.IvrReferences;
using BotPbx.Api.Features.Telephony.InboundRoutes;
using BotPbx.Api.Features.Telephony.MohClasses;
using BotPbx.Api.Features.Telephony.OutboundRoutes;
using BotPbx.Api.Features.Telephony.PbxSettings;
using BotPbx.Api.Features.Telephony.Queues;
using BotPbx.Api.Features.Telephony.RingGroups;
using BotPbx.Api.Features.Telephony.TimeConditions;
using BotPbx.Api.Features.Telephony.Trunks;

using BotPbx.Ivr.Validation;

namespace BotPbx.Api.Features.Telephony;

/// <summary>The PBX core: its storage, the Asterisk connection and apply path, and every PBX endpoint.</summary>
public static class TelephonyApi
{
    public static IServiceCollection AddTelephony(this IServiceCollection services)
    {
        services.AddSingleton<PbxStore>();
        // What IVR flows may name in the PBX (extensions, queues, ring groups, mailboxes, external numbers).
        services.AddSingleton<IIvrReferenceSource, PbxIvrReferenceSource>();
        services.AddAsteriskIntegration();
        return services;
    }

    public static IEndpointRouteBuilder MapTelephonyApi(this IEndpointRouteBuilder app)
    {
        app.MapExtensionsApi();
        app.MapTrunksApi();
        app.MapInboundRoutesApi();
        app.MapOutboundRoutesApi();
        app.MapQueuesApi();
        app.MapRingGroupsApi();
        app.MapTimeConditionsApi();
        app.MapMohClassesApi();
        app.MapConferencesApi();
        app.MapPbxSettingsApi();
        app.MapDestinationsApi();
        app.MapAsteriskApi();
        return app;
    }
}
