namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>Outcome of a PBX write: the saved value, or why not (404, 409 with a reason, 422 with field errors).</summary>
public sealed record PbxWriteResult<T>(T? Value, bool NotFound = false, string? Conflict = null, IReadOnlyDictionary<string, string[]>? Errors = null);
