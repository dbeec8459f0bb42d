using System.Globalization;
using CsvHelper;

namespace BotPbx.Dialer.Contacts;

/// <summary>
/// Seed 003's contact CSV: a header row with a <c>phone</c> column; every other column (first_name, last_name,
/// appointment_date…) becomes a variable of the contact, empty cells left out. RFC 4180 quoting, separator detection
/// and byte order marks are CsvHelper's. Row numbers are the file's line numbers with the header on line 1, as a
/// text editor or spreadsheet shows them.
/// </summary>
public static class ContactCsvReader
{
    public const string PhoneColumn = "phone";

    /// <summary>The rows, or a file-level error (no header, no phone column) as the only error, on row 1.</summary>
    public static (IReadOnlyList<ContactInput> Rows, RowError? FileError) Read(Stream stream)
    {
        var options = new CsvReaderOptions { TrimWhitespace = true, TrackLineNumbers = true, PoolStrings = true };
        using var reader = CsvReader.Create(stream, options, leaveOpen: true);
        var rows = new List<ContactInput>();
        int phoneIndex;
        string[] header;
        try
        {
            reader.ReadHeader();
            header = reader.Headers.Select(h => h.Trim()).ToArray();
            if (header.Length == 0) return ([], new RowError(1, "the file is empty; the first row must name the columns (phone, …)"));
            phoneIndex = Array.FindIndex(header, h => string.Equals(h, PhoneColumn, StringComparison.OrdinalIgnoreCase));
            if (phoneIndex < 0) return ([], new RowError(1, "no 'phone' column in the header row"));
            while (reader.Read())
            {
                var row = (int)reader.LineNumber;
                var count = reader.FieldCount;
                var variables = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < count && i < header.Length; i++)
                {
                    if (i == phoneIndex || header[i].Length == 0 || reader.IsEmpty(i)) continue;
                    variables[header[i]] = reader.GetString(i);
                }
                var phone = phoneIndex < count ? reader.GetString(phoneIndex) : null;
                var error = count > header.Length
                    ? string.Create(CultureInfo.InvariantCulture, $"{count} cells but the header names {header.Length} columns")
                    : null;
                rows.Add(new ContactInput(row, phone, variables, error));
            }
        }
        catch (CsvFormatException e)
        {
            rows.Add(new ContactInput((int)reader.LineNumber, null, new Dictionary<string, string>(), "unreadable CSV: " + e.Message));
        }
        return (rows, null);
    }
}
