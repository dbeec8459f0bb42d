using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;
using BotPbx.Telephony.Validation;

namespace BotPbx.Telephony.Tests.Rendering;

/// <summary>cdr_pgsql.conf and the call log's dialplan: the connection only from checked values, none at all without a role.</summary>
public class CallLogRenderingTests
{
    private static string Render(RenderOptions options) => ConfigRenderer.Render(OfficeFixture.Build(), options).Files["cdr_pgsql.conf"];

    [Fact]
    public void Without_a_CDR_role_the_file_has_no_global_section_so_cdr_pgsql_stays_unloaded()
    {
        var text = Render(OfficeFixture.Options with { CdrDatabase = null });
        Assert.DoesNotContain("[global]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("password", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secret-with-newline-0123\n[global]")]
    [InlineData("short")]
    [InlineData("semi;colon-0123456789")]
    public void A_CDR_password_that_could_break_the_file_is_refused(string password)
    {
        var options = OfficeFixture.Options with { CdrDatabase = new CdrDatabase { Password = password } };
        var error = Assert.Throws<PbxValidationException>(() => Render(options));
        Assert.Contains("options.cdrDatabase.password", error.Errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("Botpbx")]
    [InlineData("bot pbx")]
    [InlineData("botpbx\"; DROP")]
    public void A_database_or_role_name_outside_plain_identifiers_is_refused(string name)
    {
        var options = OfficeFixture.Options with { CdrDatabase = new CdrDatabase { Password = "cdr-Secret-0123456789", Database = name, User = name } };
        var error = Assert.Throws<PbxValidationException>(() => Render(options));
        Assert.Contains("options.cdrDatabase.database", error.Errors.ToDictionary().Keys);
        Assert.Contains("options.cdrDatabase.user", error.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void Every_SIP_channel_gets_the_hang_up_handler_that_records_its_cause()
    {
        var rendered = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options);
        var endpoints = rendered.Files["pjsip.conf"].Split("\n\n").Count(block => block.Contains("type=endpoint", StringComparison.Ordinal));
        var handlers = rendered.Files["pjsip.conf"].Split('\n').Count(l => l == "set_var=CHANNEL(hangup_handler_push)=botpbx-hangup,s,1");
        Assert.Equal(endpoints, handlers);
        Assert.Contains("[botpbx-hangup]", rendered.Files["extensions.conf"], StringComparison.Ordinal);
    }

    [Fact]
    public void Click_to_call_dials_through_the_phones_own_context_after_the_dial_string_guard()
    {
        var dialplan = ConfigRenderer.Render(OfficeFixture.Build(), OfficeFixture.Options).Files["extensions.conf"];
        var context = dialplan[dialplan.IndexOf("[botpbx-originate]", StringComparison.Ordinal)..];
        if (context.IndexOf("\n[", 1, StringComparison.Ordinal) is var next and > 0) context = context[..next];
        Assert.Contains("exten => _X.,1,GotoIf($[${LEN(${FILTER(0-9*#+,${EXTEN})})}!=${LEN(${EXTEN})}]?botpbx-denied,s,1)", context, StringComparison.Ordinal);
        Assert.Contains("same => n,GotoIf($[\"${BOTPBX_EXT}\"=\"\"]?botpbx-denied,s,1)", context, StringComparison.Ordinal);
        Assert.Contains("same => n,Goto(botpbx-internal,${EXTEN},1)", context, StringComparison.Ordinal);
        Assert.DoesNotContain("Dial(", context, StringComparison.Ordinal);
    }
}
