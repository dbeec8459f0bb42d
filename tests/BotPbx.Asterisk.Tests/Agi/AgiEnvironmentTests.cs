using System.Buffers;
using System.Text;
using BotPbx.Asterisk.Agi;

namespace BotPbx.Asterisk.Tests.Agi;

public sealed class AgiEnvironmentTests
{
    [Fact]
    public void The_path_and_the_dialplan_arguments_come_from_the_environment()
    {
        var request = ParseEveryWay("fastagi-sip-6011-path-and-args");

        Assert.Equal("ivr/42", request.Script);
        Assert.Equal("ivr/42", request.Path);
        Assert.Equal(["arg1", "arg two"], request.Arguments);
        Assert.Empty(request.Query);
        Assert.Equal("PJSIP/1001-00000017", request.Channel);
        Assert.Equal("1001", request.CallerIdNumber);
        Assert.Equal("Test 1001", request.CallerIdName);
    }

    [Fact]
    public void The_query_string_stays_in_the_script_and_is_parsed_apart_from_the_path()
    {
        var request = ParseEveryWay("fastagi-sip-6012-query-string");

        Assert.Equal("ivr/flow?id=42&lang=en", request.Script);
        Assert.Equal("ivr/flow", request.Path);
        Assert.Equal("42", request.Query["id"]);
        Assert.Equal("en", request.Query["lang"]);
        Assert.Empty(request.Arguments);
    }

    [Fact]
    public void Unknown_caller_id_of_a_local_channel_reads_as_absent()
    {
        var request = ParseEveryWay("fastagi-local-channel-env");

        Assert.Equal("Local/s@agi-test-00000008;2", request.Channel);
        Assert.Null(request.CallerIdNumber);
        Assert.Null(request.CallerIdName);
        Assert.Equal("unknown", request.Environment["agi_callerid"]);
        Assert.Equal("67", request.Environment["agi_callingpres"]);
    }

    [Fact]
    public void Every_line_of_a_sip_call_is_kept_and_an_empty_value_stays_empty()
    {
        var request = ParseEveryWay("fastagi-sip-601-env-and-commands");

        Assert.Equal(22, request.Environment.Count);
        Assert.Equal("", request.Environment["agi_accountcode"]);
        Assert.Null(request.AccountCode);
        Assert.Equal("22.10.1", request.AsteriskVersion);
        Assert.Equal("from-internal", request.Context);
        Assert.Equal("601", request.Extension);
        Assert.Equal("2", request.Priority);
        Assert.Equal("601", request.Dnid);
        Assert.Null(request.Rdnis);
        Assert.Equal("en", request.Language);
        Assert.Equal("1795239885.40", request.UniqueId);
    }

    [Fact]
    public void Crlf_line_ends_are_accepted()
    {
        var text = "agi_network_script: ivr/7\r\nagi_arg_1: x\r\n\r\n";

        var request = ParseAll(Encoding.ASCII.GetBytes(text), split: 0, maxLines: 10);

        Assert.Equal("ivr/7", request.Path);
        Assert.Equal(["x"], request.Arguments);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\n\n")]
    [InlineData("agi_network_script ivr/7\n\n")]
    [InlineData("agi_: x\n\n")]
    [InlineData("agi bad: x\n\n")]
    public void A_line_that_is_not_agi_key_value_is_a_protocol_error(string text)
    {
        Assert.Throws<AgiProtocolException>(() => ParseAll(Encoding.ASCII.GetBytes(text), split: 0, maxLines: 10));
    }

    [Fact]
    public void More_lines_than_the_limit_is_a_protocol_error()
    {
        var text = string.Concat(Enumerable.Range(1, 11).Select(i => $"agi_arg_{i}: {i}\n")) + "\n";

        Assert.Throws<AgiProtocolException>(() => ParseAll(Encoding.ASCII.GetBytes(text), split: 0, maxLines: 10));
    }

    /// <summary>Parses a captured environment whole, then split at every byte, and checks every way gives the same request.</summary>
    private static AgiRequest ParseEveryWay(string capture)
    {
        var bytes = AgiFixtureScript.Load(capture).Environment;
        var whole = ParseAll(bytes, split: 0, maxLines: 150);
        for (var split = 1; split < bytes.Length; split++)
        {
            var request = ParseAll(bytes, split, maxLines: 150);
            Assert.Equal(whole.Environment, request.Environment);
        }
        return whole;
    }

    private static AgiRequest ParseAll(byte[] bytes, int split, int maxLines)
    {
        var builder = new AgiEnvironmentBuilder(maxLines);
        AgiRequest? request = null;
        ByteSplits.ParseInTwoReads<ReadOnlySequence<byte>>(bytes, split, (ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line) =>
        {
            if (request is not null || !AgiLineParser.TryParse(ref buffer, 8192, out line))
            {
                line = default;
                return false;
            }
            if (builder.Add(line)) request = builder.Build();
            return true;
        });
        return request ?? throw new Xunit.Sdk.XunitException("The environment block never ended.");
    }
}
