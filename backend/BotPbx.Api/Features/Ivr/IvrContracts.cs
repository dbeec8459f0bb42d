using System.Text.Json;
using BotPbx.Ivr.Validation;

namespace BotPbx.Api.Features.Ivr;

/// <summary>POST /api/ivrs and PUT /api/ivrs/{id}: the name and the builder's flow (optional on create).</summary>
public sealed record SaveIvrRequest(string? Name, JsonElement? Flow);

/// <summary>POST /api/ivrs/validate.</summary>
public sealed record ValidateFlowRequest(JsonElement? Flow);

/// <summary>One validation finding, addressed to a node/edge and field; <c>key</c> is the problem-details errors key.</summary>
public sealed record FlowIssueResponse(string Severity, string Code, string Message, string? NodeId, string? EdgeId, string? Field, string Key)
{
    public static FlowIssueResponse From(FlowIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new(issue.Severity == FlowIssueSeverity.Error ? "error" : "warning", issue.Code, issue.Message, issue.NodeId, issue.EdgeId,
            issue.Field, issue.Key);
    }
}

public sealed record FlowValidationResponse(bool Valid, IReadOnlyList<FlowIssueResponse> Issues)
{
    public static FlowValidationResponse From(FlowValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.IsValid, [.. result.Issues.Select(FlowIssueResponse.From)]);
    }
}

/// <summary>An IVR with its draft flow and what the validator says about the draft.</summary>
public sealed record IvrResponse(long Id, string Name, JsonElement Flow, int? PublishedVersion, DateTimeOffset DraftUpdatedAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, FlowValidationResponse Validation);

public sealed record IvrSummaryResponse(long Id, string Name, int? PublishedVersion, DateTimeOffset DraftUpdatedAt, DateTimeOffset UpdatedAt);

public sealed record IvrVersionSummaryResponse(int Version, DateTimeOffset PublishedAt, long? PublishedBy, bool Live);

public sealed record IvrVersionResponse(int Version, DateTimeOffset PublishedAt, long? PublishedBy, bool Live, JsonElement Flow);

public sealed record PublishResponse(int Version, DateTimeOffset PublishedAt, IReadOnlyList<FlowIssueResponse> Warnings);

/// <summary>POST /api/ivrs/{id}/simulate: who calls, and what to run (the draft unless a published version is named).</summary>
public sealed record SimulateRequest(string? CallerId, string? Dnid, int? Version);

/// <summary>POST /api/ivrs/{id}/simulate/{sessionId}: digits pressed, a timeout, or a hang-up (none = just report the state).</summary>
public sealed record SimulationInputRequest(string? Digits, bool? Timeout, bool? Hangup);
