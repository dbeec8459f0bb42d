using BotPbx.Ivr.Nodes;

namespace BotPbx.Ivr.Validation;

/// <summary>
/// Tells which referenced PBX objects do not exist (extensions, queues, ring groups, AI agents, recordings, IVRs,
/// mailboxes, TTS engines, external numbers without an outbound route). The host implements it over the database.
/// </summary>
public interface IIvrReferenceChecker
{
    Task<IReadOnlyCollection<IvrReference>> FindMissingAsync(IReadOnlyCollection<IvrReference> references, CancellationToken cancellationToken);
}
