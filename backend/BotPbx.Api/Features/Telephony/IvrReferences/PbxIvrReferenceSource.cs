using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Ivr.Nodes;
using BotPbx.Ivr.Runtime;
using BotPbx.Ivr.Validation;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Routing;

namespace BotPbx.Api.Features.Telephony.IvrReferences;

/// <summary>
/// What an IVR flow may name in the PBX, checked against the saved configuration. A flow names objects the way the
/// dialplan knows them — by internal number, not by id — because its transfer ends in <c>Goto(context,number,1)</c>:
/// extensions, queues and ring groups by number; mailboxes by the number of an extension whose voicemail is on
/// ("general" by <see cref="IvrOptions.GeneralMailbox"/>); external numbers when the outbound route Asterisk would
/// choose for them (<see cref="OutboundRouting"/>) is open to a caller that is not an extension.
/// </summary>
public sealed class PbxIvrReferenceSource(PbxStore store, IvrOptions options) : IIvrReferenceSource
{
    public IReadOnlyCollection<IvrReferenceKind> Kinds { get; } =
        [IvrReferenceKind.Extension, IvrReferenceKind.Queue, IvrReferenceKind.RingGroup, IvrReferenceKind.Mailbox, IvrReferenceKind.ExternalNumber];

    public async Task<IReadOnlySet<string>> FindExistingAsync(IvrReferenceKind kind, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        // One table per kind: the builder validates on every save, so the whole PBX snapshot would be wasted work.
        Func<string, bool> exists = kind switch
        {
            IvrReferenceKind.Extension => Numbers(await store.AllAsync(PbxTables.Extensions, cancellationToken), e => e.Number).Contains,
            IvrReferenceKind.Queue => Numbers(await store.AllAsync(PbxTables.Queues, cancellationToken), q => q.Number).Contains,
            IvrReferenceKind.RingGroup => Numbers(await store.AllAsync(PbxTables.RingGroups, cancellationToken), g => g.Number).Contains,
            IvrReferenceKind.Mailbox => MailboxExists(await store.AllAsync(PbxTables.Extensions, cancellationToken)),
            IvrReferenceKind.ExternalNumber => Dialled(new PbxConfiguration { OutboundRoutes = await store.AllAsync(PbxTables.OutboundRoutes, cancellationToken) }),
            _ => _ => false,
        };
        return ids.Where(exists).ToHashSet(StringComparer.Ordinal);
    }

    private Func<string, bool> MailboxExists(IReadOnlyList<Extension> extensions)
    {
        var mailboxes = Numbers(extensions.Where(e => e.Voicemail.Enabled), e => e.Number);
        return box => mailboxes.Contains(box == VoicemailExecutor.General ? options.GeneralMailbox : box);
    }

    private static Func<string, bool> Dialled(PbxConfiguration routes) =>
        number => OutboundRouting.Find(routes, number) is { DialsWithoutExtension: true };

    private static HashSet<string> Numbers<T>(IEnumerable<T> items, Func<T, string> number) => items.Select(number).ToHashSet(StringComparer.Ordinal);
}
