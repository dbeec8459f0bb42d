namespace BotPbx.Api.Features.Live;

// The data of seed 003's events, field for field (serialised snake_case). Fields after the manual's are additions.

public sealed record CallNewData(string CallId, string From, string To, string Direction, DateTimeOffset Timestamp, string FromName, IReadOnlyList<string> Extensions);

public sealed record CallAnswerData(string CallId, string AnsweredBy, DateTimeOffset Timestamp);

public sealed record CallEndData(string CallId, int Duration, string Disposition, DateTimeOffset Timestamp);

public sealed record CallTransferData(string CallId, string From, string To, string Type, DateTimeOffset Timestamp);

public sealed record ExtensionStatusData(string Extension, string Status, string Previous, string Name, bool Dnd, int Devices, DateTimeOffset Timestamp);

public sealed record QueueUpdateData(string Queue, int CallsWaiting, int AgentsAvailable, int LongestWait, string Number, DateTimeOffset Timestamp);

public sealed record AgentConversationData(string CallId, string Agent, int Turn, string UserText, string AgentText, long ConversationId, DateTimeOffset Timestamp);
