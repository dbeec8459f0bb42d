using System.Text.Json.Serialization;

namespace BotPbx.Telephony.Apply;

[JsonConverter(typeof(JsonStringEnumConverter<ModuleReloadStatus>))]
public enum ModuleReloadStatus
{
    [JsonStringEnumMemberName("reloaded")] Reloaded,
    [JsonStringEnumMemberName("notLoaded")] NotLoaded,
    [JsonStringEnumMemberName("notSupported")] NotSupported,
    /// <summary>Asterisk was still busy with another reload after every retry.</summary>
    [JsonStringEnumMemberName("busy")] Busy,
    [JsonStringEnumMemberName("failed")] Failed,
}

public sealed record ModuleReloadResult(string Module, ModuleReloadStatus Status, int Attempts, string? Message = null)
{
    public bool Ok => Status is ModuleReloadStatus.Reloaded or ModuleReloadStatus.NotLoaded or ModuleReloadStatus.NotSupported;
}

/// <summary>What an apply did: files that changed, each module's reload, and whether the previous files came back.</summary>
public sealed record ApplyReport
{
    public bool Success { get; init; }
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];
    public IReadOnlyList<ModuleReloadResult> Modules { get; init; } = [];
    /// <summary>A reload failed and the previous files were put back (and reloaded).</summary>
    public bool RolledBack { get; init; }
    public string? Error { get; init; }
}
