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

    public static ContactBatch Normalize(IEnumerable<ContactInput> rows, PhoneNormalizer phones)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(phones);
        var byPhone = new Dictionary<string, ImportedContact>(StringComparer.Ordinal);
        var order = new List<ImportedContact>();
        var errors = new List<RowError>();
        var duplicates = 0;
        foreach (var row in rows)
        {
            if (row.Error is not null)
            {
                errors.Add(new RowError(row.Row, row.Error));
                continue;
            }
            var phone = phones.Normalize(row.Phone, out var error);
            if (phone is null)
            {
                errors.Add(new RowError(row.Row, error!));
                continue;
            }
            if (CheckVariables(row.Variables) is { } bad)
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

    private static string? CheckVariables(IReadOnlyDictionary<string, string> variables)
    {
        if (variables.Count > MaxVariables) return $"more than {MaxVariables} variables";
        foreach (var (name, value) in variables)
        {
            if (!VariableName().IsMatch(name)) return $"variable name '{Trim(name)}' must start with a letter and hold only letters, digits and _ (40 at most)";
            if (value.Length > MaxVariableLength) return $"variable {name} is longer than {MaxVariableLength} characters";
            if (value.Any(c => char.IsControl(c))) return $"variable {name} holds a control character";
        }
        return null;
    }

    private static string Trim(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
