using System.Text;

namespace BotPbx.TestSupport.Asterisk;

/// <summary>
/// The call a <see cref="ScriptedAgiPeer"/> pretends to make: what Asterisk 22 writes in the agi_* block, in its order
/// (fixture fastagi-sip-601-env-and-commands). <see cref="Script"/> is <c>agi_network_script</c>: the URL path without
/// the leading '/', query string included (<c>ivr/flow?id=42&amp;lang=en</c>).
/// </summary>
public sealed record ScriptedAgiPeerCall
{
    public string Script { get; init; } = "test";

    /// <summary>The dialplan's <c>AGI(url,arg1,arg two)</c> arguments, sent as <c>agi_arg_1</c>….</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string Channel { get; init; } = "PJSIP/1001-00000014";

    public string UniqueId { get; init; } = "1795239885.40";

    /// <summary>Caller number; Asterisk writes <c>unknown</c> when there is none.</summary>
    public string CallerIdNumber { get; init; } = "1001";

    public string CallerIdName { get; init; } = "Test 1001";

    public string Dnid { get; init; } = "601";

    public string Context { get; init; } = "from-internal";

    public string Extension { get; init; } = "601";

    public string Language { get; init; } = "en";

    /// <summary>The agi_* block, ended by the empty line, exactly as Asterisk writes it (LF only).</summary>
    public string ToEnvironment(string host, int port)
    {
        var text = new StringBuilder();
        void Line(string key, string value) => text.Append("agi_").Append(key).Append(": ").Append(value).Append('\n');
        Line("network", "yes");
        Line("network_script", Script);
        Line("request", $"agi://{host}:{port}/{Script}");
        Line("channel", Channel);
        Line("language", Language);
        Line("type", Channel.Split('/')[0]);
        Line("uniqueid", UniqueId);
        Line("version", "22.10.1");
        Line("callerid", CallerIdNumber);
        Line("calleridname", CallerIdName);
        Line("callingpres", "0");
        Line("callingani2", "0");
        Line("callington", "0");
        Line("callingtns", "0");
        Line("dnid", Dnid);
        Line("rdnis", "unknown");
        Line("context", Context);
        Line("extension", Extension);
        Line("priority", "2");
        Line("enhanced", "0.0");
        Line("accountcode", "");
        Line("threadid", "140198210848448");
        for (var i = 0; i < Arguments.Count; i++) Line($"arg_{i + 1}", Arguments[i]);
        return text.Append('\n').ToString();
    }
}
