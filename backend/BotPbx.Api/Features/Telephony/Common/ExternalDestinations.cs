namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>A routable object owned by another feature (an IVR flow, an AI agent).</summary>
/// <param name="Number">An internal number phones dial to reach it (AI agents may have one), or null.</param>
public sealed record ExternalDestination(string Id, string Label, string? Number = null);

/// <summary>
/// Implemented by the IVR and AI-agent features so their objects can be chosen as destinations and are checked as
/// references. Register with <c>services.AddSingleton&lt;IExternalDestinationSource, …&gt;()</c>.
/// </summary>
public interface IExternalDestinationSource
{
    /// <summary>"ivr" or "aiAgent" (the destination type it provides).</summary>
    string Type { get; }

    Task<IReadOnlyList<ExternalDestination>> ListAsync(CancellationToken cancellationToken);
}
