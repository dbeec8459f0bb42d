using BotPbx.Telephony.Validation;

namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>
/// Implemented by features whose objects point at PBX objects by their internal number rather than their id (a live
/// IVR flow transfers to queue 600). <see cref="PbxStore"/> asks every one before it deletes or renumbers an extension,
/// queue or ring group, and answers 409 naming what they return. Register with
/// <c>services.AddSingleton&lt;IPbxNumberUsers, …&gt;()</c>.
/// </summary>
public interface IPbxNumberUsers
{
    /// <summary>Labels of the objects that use <paramref name="kind"/> number <paramref name="number"/>, e.g. "IVR 4 (Main menu)".</summary>
    Task<IReadOnlyList<string>> FindAsync(PbxObjectKind kind, string number, CancellationToken cancellationToken);
}
