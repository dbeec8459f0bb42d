namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>A routable object owned by another feature (an IVR flow, an AI agent).</summary>
public sealed record ExternalDestination(string Id, string Label);

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
