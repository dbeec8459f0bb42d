using System.Text.RegularExpressions;

namespace BotPbx.Dialer.Contacts;

/// <summary>
/// Turns raw rows into contacts: E.164 numbers, variable names checked, duplicates merged (later rows add or
/// overwrite variables of the first row with the same number). Used by the CSV and the JSON way in alike.
/// </summary>
public static partial class ContactNormalizer
{
    public const int MaxVariables = 50;
    public const int MaxVariableLength = 500;

    /// <summary>Variable names become channel variables (BOTPBX_VAR_name) and prompt {{names}}: letters, digits, underscore.</summary>
    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9_]{0,39}\z", RegexOptions.CultureInvariant)]
    public static partial Regex VariableName();

    /// <summary>Below this many rows the numbers are parsed on one thread (starting workers costs more than it saves).</summary>
    private const int ParallelFrom = 4096;

    public static ContactBatch Normalize(IEnumerable<ContactInput> rows, PhoneNormalizer phones)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(phones);
        var list = rows as IReadOnlyList<ContactInput> ?? rows.ToList();
        var parsed = ParsePhones(list, phones);
        var byPhone = new Dictionary<string, ImportedContact>(StringComparer.Ordinal);
        var order = new List<ImportedContact>();
        var errors = new List<RowError>();
        var goodNames = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        for (var index = 0; index < list.Count; index++)
        {
            var row = list[index];
            if (row.Error is not null)
            {
                errors.Add(new RowError(row.Row, row.Error));
                continue;
            }
            var (phone, error) = parsed[index];
            if (phone is null)
            {
                errors.Add(new RowError(row.Row, error!));
                continue;
            }
            if (CheckVariables(row.Variables, goodNames) is { } bad)
            {
                errors.Add(new RowError(row.Row, bad));
                continue;
            }
            if (byPhone.TryGetValue(phone, out var existing))
            {
                duplicates++;
                foreach (var (k, v) in row.Variables) existing.Variables[k] = v;
                continue;
            }
            var contact = new ImportedContact(row.Row, phone, new Dictionary<string, string>(row.Variables, StringComparer.Ordinal));
            byPhone.Add(phone, contact);
            order.Add(contact);
        }
        return new ContactBatch(order, errors, duplicates);
    }

    /// <summary>
    /// libphonenumber's parse is most of the per-row cost of an import (about 10 µs a number): the rows are split into
    /// chunks parsed on every core (PhoneNumberUtil is thread-safe), each result kept at its row's index so errors
    /// and merge order stay those of the file.
    /// </summary>
    private static (string? Phone, string? Error)[] ParsePhones(IReadOnlyList<ContactInput> rows, PhoneNormalizer phones)
    {
        var parsed = new (string? Phone, string? Error)[rows.Count];
        void Parse(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (rows[i].Error is not null) continue;
                var phone = phones.Normalize(rows[i].Phone, out var error);
                parsed[i] = (phone, error);
            }
        }
        if (rows.Count < ParallelFrom || Environment.ProcessorCount == 1)
        {
            Parse(0, rows.Count);
            return parsed;
        }
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, rows.Count, 2048), range => Parse(range.Item1, range.Item2));
        return parsed;
    }

    /// <param name="goodNames">Names already found valid in this import: every row repeats the header's names, checked once.</param>
    private static string? CheckVariables(IReadOnlyDictionary<string, string> variables, HashSet<string> goodNames)
    {
        if (variables.Count > MaxVariables) return $"more than {MaxVariables} variables";
        foreach (var (name, value) in variables)
        {
            if (!goodNames.Contains(name))
            {
                if (!VariableName().IsMatch(name)) return $"variable name '{Trim(name)}' must start with a letter and hold only letters, digits and _ (40 at most)";
                goodNames.Add(name);
            }
            if (value.Length > MaxVariableLength) return $"variable {name} is longer than {MaxVariableLength} characters";
            // char.IsControl's two ranges: C0 with DEL and C1.
            if (value.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || value.AsSpan().ContainsAnyInRange('\u007f', '\u009f'))
                return $"variable {name} holds a control character";
        }
        return null;
    }

    private static string Trim(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
