using BotPbx.Telephony.Rendering;
using BotPbx.TestSupport;

namespace BotPbx.Telephony.Tests.Rendering;

/// <summary>
/// Attack "spoofed trunk": an INVITE from any address with From user <c>botpbx-trunk-1</c> used to be identified as
/// the trunk by res_pjsip's username identifier and land in the trunk's inbound context without a challenge.
/// </summary>
public class TrunkIdentificationTests
{
    private static readonly string Pjsip = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options).Files["pjsip.conf"];

    /// <summary>Sections as (name, key=value lines), in file order.</summary>
    private static List<(string Name, string[] Lines)> Sections(string conf)
    {
        var result = new List<(string, string[])>();
        string? name = null;
        var lines = new List<string>();
        foreach (var line in conf.Split('\n'))
        {
            if (line.StartsWith('['))
            {
                if (name is not null) result.Add((name, lines.ToArray()));
                name = line[1..line.IndexOf(']', StringComparison.Ordinal)];
                lines = [];
            }
            else if (line.Length > 0 && !line.StartsWith(';')) lines.Add(line);
        }
        if (name is not null) result.Add((name, lines.ToArray()));
        return result;
    }

    private static IEnumerable<(string Name, string[] Lines)> Endpoints() =>
        Sections(Pjsip).Where(s => s.Lines.Contains("type=endpoint"));

    [Fact]
    public void Trunk_endpoints_are_identified_by_source_address_only()
    {
        var trunks = Endpoints().Where(e => e.Name.StartsWith("botpbx-trunk-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(trunks);
        foreach (var (name, lines) in trunks)
        {
            Assert.Equal(["identify_by=ip"], lines.Where(l => l.StartsWith("identify_by=", StringComparison.Ordinal)));
            // The address match that identify_by=ip relies on exists for every trunk endpoint.
            Assert.Contains(Sections(Pjsip), s => s.Name == name && s.Lines.Contains("type=identify") && s.Lines.Contains("endpoint=" + name)
                && s.Lines.Any(l => l.StartsWith("match=", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Every_endpoint_names_how_it_may_be_identified_and_only_phones_by_user_name()
    {
        foreach (var (name, lines) in Endpoints())
        {
            var identifyBy = Assert.Single(lines, l => l.StartsWith("identify_by=", StringComparison.Ordinal));
            if (identifyBy.Contains("username", StringComparison.Ordinal))
            {
                // A phone found by its From user must still answer the digest challenge of its own auth section.
                Assert.Contains("auth=" + name, lines);
                Assert.DoesNotContain("botpbx-trunk-", name, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_base_pjsip_conf_tries_ip_then_username_and_never_anonymous()
    {
        var template = RepositoryFile.ReadAllText("asterisk-templates/pjsip.conf");
        var order = template.Split('\n').Single(l => l.StartsWith("endpoint_identifier_order=", StringComparison.Ordinal));
        Assert.Equal("endpoint_identifier_order=ip,username", order.TrimEnd('\r'));
        Assert.DoesNotContain("[anonymous]", template, StringComparison.Ordinal);
        Assert.DoesNotContain("[anonymous]", Pjsip, StringComparison.Ordinal);
    }
}
