using BotPbx.Ivr.Flow;

namespace BotPbx.Ivr.Versions;

/// <summary>An immutable published version of an IVR's flow. A call keeps the snapshot it started with.</summary>
public sealed record IvrFlowSnapshot(string IvrId, int Version, IvrFlow Flow);

/// <summary>Where the interpreter reads published versions; the host implements it over the ivr_versions table.</summary>
public interface IIvrFlowStore
{
    /// <summary>The live version for a NEW call, or null when the IVR does not exist or was never published.</summary>
    Task<IvrFlowSnapshot?> GetPublishedAsync(string ivrId, CancellationToken cancellationToken);
}
