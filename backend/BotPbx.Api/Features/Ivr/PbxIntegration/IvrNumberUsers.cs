using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Ivr.Runtime;
using BotPbx.Telephony.Validation;

namespace BotPbx.Api.Features.Ivr.PbxIntegration;

/// <summary>
/// Live IVR flows that dial an extension, queue or ring group by number (transfer nodes) or leave messages in an
/// extension's mailbox (voicemail nodes, "general" included when it is that extension). Only published versions
/// count: a draft is checked again when it is published, so deleting a queue a draft names only makes that draft
/// unpublishable, while a live flow would send callers nowhere.
/// </summary>
public sealed class IvrNumberUsers(IvrStore store, IvrOptions options) : IPbxNumberUsers
{
    public async Task<IReadOnlyList<string>> FindAsync(PbxObjectKind kind, string number, CancellationToken cancellationToken)
    {
        var transferKind = kind switch
        {
            PbxObjectKind.Extension => "extension",
            PbxObjectKind.Queue => "queue",
            PbxObjectKind.RingGroup => "ringGroup",
            _ => null,
        };
        if (transferKind is null) return [];
        var mailbox = kind == PbxObjectKind.Extension;
        var ivrs = await store.LiveFlowsDiallingAsync(transferKind, number, mailbox, mailbox && options.GeneralMailbox == number, cancellationToken);
        return [.. ivrs.Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"IVR {i.Id} ({i.Name})"))];
    }
}
