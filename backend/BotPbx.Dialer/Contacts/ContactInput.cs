namespace BotPbx.Dialer.Contacts;

/// <summary>One contact as given (a CSV row or a JSON item): the phone as typed and its variables. Row is 1-based; the CSV header is row 1. Error: the row was unreadable (set by the reader).</summary>
public sealed record ContactInput(int Row, string? Phone, IReadOnlyDictionary<string, string> Variables, string? Error = null);

/// <summary>A contact ready to store: E.164 phone, merged variables, the first row it came from.</summary>
public sealed record ImportedContact(int Row, string Phone, Dictionary<string, string> Variables);

public sealed record RowError(int Row, string Reason);

/// <summary>What an import produced: contacts to store (duplicates merged), rows refused with their reasons, how many duplicate rows were merged.</summary>
public sealed record ContactBatch(IReadOnlyList<ImportedContact> Contacts, IReadOnlyList<RowError> Errors, int DuplicatesMerged);
