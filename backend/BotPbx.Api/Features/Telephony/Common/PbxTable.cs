using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;

namespace BotPbx.Api.Features.Telephony.Common;

/// <summary>How one kind of PBX object is stored (table, extra columns) and checked (validator, referrers).</summary>
public sealed class PbxTable<T> where T : class
{
    public required string Table { get; init; }

    /// <summary>The collection's name in <see cref="PbxConfiguration"/> as the whole-configuration validator reports it ("inboundRoutes").</summary>
    public required string Collection { get; init; }

    /// <summary>"extension", "trunk"… for messages.</summary>
    public required string Noun { get; init; }

    /// <summary>
    /// SQL that reads the stored object; columns the database may change on its own (a foreign key set to null
    /// when a user is deleted) are merged back into it here.
    /// </summary>
    public string DataSql { get; init; } = "data";

    /// <summary>SQL ORDER BY of lists.</summary>
    public required string OrderBy { get; init; }

    /// <summary>SQL condition on @pattern for the list's <c>search</c>.</summary>
    public required string SearchSql { get; init; }

    /// <summary>Null when nothing can point at this kind.</summary>
    public PbxObjectKind? Kind { get; init; }

    public required Func<T, long> GetId { get; init; }
    public required Func<T, long, T> WithId { get; init; }

    /// <summary>The columns beside <c>data</c>, in <see cref="ColumnNames"/> order.</summary>
    public required Func<T, object?[]> Columns { get; init; }
    public required string[] ColumnNames { get; init; }

    public required Func<PbxConfiguration, IReadOnlyList<T>> All { get; init; }
    public required Func<PbxConfiguration, IReadOnlyList<T>, PbxConfiguration> Replace { get; init; }
    public required Action<T, ValidationErrors, PbxReferences> Validate { get; init; }

    /// <summary>The internal number others outside the PBX tables may dial it by (see <see cref="IPbxNumberUsers"/>); null when it has none.</summary>
    public Func<T, string>? NumberOf { get; init; }

    /// <summary>What other objects use to point at this one when it is not the id (MOH classes are named).</summary>
    public Func<T, string>? ReferenceKey { get; init; }

    public string KeyOf(T item) =>
        ReferenceKey?.Invoke(item) ?? GetId(item).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
