using System.Text.RegularExpressions;
using BotPbx.Asterisk.Ami;
using BotPbx.Telephony.Rendering;
using BotPbx.TestSupport;

namespace BotPbx.Telephony.Tests.Rendering;

/// <summary>Review item "the AMI user has read=all/write=all": it gets only the classes of what BotPBX sends and reads.</summary>
public partial class AmiPrivilegesTests
{
    private static readonly string Manager = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options).Files["manager.conf"];

    [GeneratedRegex("""new AmiAction\("([A-Za-z]+)"\)""")]
    private static partial Regex ActionConstruction();

    [Fact]
    public void The_ami_user_gets_named_classes_not_all()
    {
        Assert.Contains("\nread=agent,call,cdr,dialplan,system,user\n", Manager, StringComparison.Ordinal);
        Assert.Contains("\nwrite=agent,call,command,originate,system\n", Manager, StringComparison.Ordinal);
        Assert.DoesNotContain("=all", Manager, StringComparison.Ordinal);
        // Classes BotPBX never needs: config file writes (CVE-2024-42365 style), verbose/log output, DTMF.
        foreach (var unused in new[] { "config", "verbose", "log", "dtmf" })
            Assert.DoesNotMatch($"(read|write)=[^\n]*\\b{unused}\\b", Manager);
    }

    [Fact]
    public void Every_action_the_backend_sends_has_a_class()
    {
        var backend = RepositoryFile.Path("backend");
        var sent = Directory.EnumerateFiles(backend, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => ActionConstruction().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("Originate", sent);
        Assert.All(sent, action => Assert.True(AmiPrivileges.Actions.ContainsKey(action), $"AMI action {action} has no class in AmiPrivileges"));
    }

    [Fact]
    public void Every_typed_event_has_a_class()
    {
        Assert.All(AmiEventRegistry.KnownEvents, e => Assert.True(AmiPrivileges.Events.ContainsKey(e), $"AMI event {e} has no class in AmiPrivileges"));
    }
}
