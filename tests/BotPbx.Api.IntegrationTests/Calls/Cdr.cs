using System.Globalization;
using Npgsql;

namespace BotPbx.Api.IntegrationTests.Calls;

/// <summary>One CDR as cdr_pgsql writes it (a plain INSERT of the columns it has values for), built fluently.</summary>
public sealed record Cdr
{
    public string Linkedid { get; init; } = Guid.NewGuid().ToString("N")[..10] + ".1";
    public string? Uniqueid { get; init; }
    public DateTimeOffset Start { get; init; } = DateTimeOffset.UtcNow.AddMinutes(-5);
    public double? AnswerAfter { get; init; } = 3;
    public double Length { get; init; } = 30;
    public string Src { get; init; } = "2001";
    public string Clid { get; init; } = "\"Alice\" <2001>";
    public string Dst { get; init; } = "2002";
    public string Channel { get; init; } = "PJSIP/2001-00000001";
    public string? Dstchannel { get; init; } = "PJSIP/2002-00000002";
    public string Disposition { get; init; } = "ANSWERED";
    public int Sequence { get; init; }
    public string? Direction { get; init; }
    public string? Did { get; init; }
    public string? Trunk { get; init; }
    public string? Ext { get; init; }
    public string? Number { get; init; }
    public string? Queue { get; init; }
    public string? Ivr { get; init; }
    public string? Cause { get; init; } = "16";

    public async Task InsertAsync(NpgsqlConnection connection)
    {
        var start = Start.ToUnixTimeMilliseconds() / 1000.0;
        var end = start + Length;
        double? answer = AnswerAfter is { } a && Disposition == "ANSWERED" ? start + a : null;
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO cdr_raw (start, answer, "end", duration, billsec, clid, src, dst, dcontext, channel, dstchannel, lastapp,
                disposition, amaflags, uniqueid, linkedid, sequence, botpbx_direction, botpbx_did, botpbx_trunk, botpbx_ext,
                botpbx_number, botpbx_queue, botpbx_ivr, botpbx_cause)
            VALUES (@start, @answer, @end, @duration, @billsec, @clid, @src, @dst, 'botpbx-internal', @channel, @dstchannel, 'Dial',
                @disposition, 'DOCUMENTATION', @uniqueid, @linkedid, @sequence, @direction, @did, @trunk, @ext, @number, @queue, @ivr, @cause)
            """, connection);
        var p = command.Parameters;
        p.AddWithValue("start", start);
        p.AddWithValue("answer", (object?)answer ?? DBNull.Value);
        p.AddWithValue("end", end);
        p.AddWithValue("duration", (int)Math.Round(Length));
        p.AddWithValue("billsec", answer is null ? 0 : (int)Math.Round(end - answer.Value));
        p.AddWithValue("clid", Clid);
        p.AddWithValue("src", Src);
        p.AddWithValue("dst", Dst);
        p.AddWithValue("channel", Channel);
        p.AddWithValue("dstchannel", (object?)Dstchannel ?? "");
        p.AddWithValue("disposition", Disposition);
        p.AddWithValue("uniqueid", Uniqueid ?? Linkedid);
        p.AddWithValue("linkedid", Linkedid);
        p.AddWithValue("sequence", Sequence);
        foreach (var (name, value) in new[] { ("direction", Direction), ("did", Did), ("trunk", Trunk), ("ext", Ext), ("number", Number),
                     ("queue", Queue), ("ivr", Ivr), ("cause", Cause) })
        {
            p.AddWithValue(name, (object?)value ?? DBNull.Value);
        }
        await command.ExecuteNonQueryAsync();
    }

    public static string Chan(string number, int n) => "PJSIP/" + number + "-" + n.ToString("x8", CultureInfo.InvariantCulture);
}
