using BotPbx.Telephony.Model;

namespace BotPbx.Telephony.Asterisk;

/// <summary>
/// The run-time state phones set with feature codes (AstDB <c>BOTPBX/&lt;ext&gt;/dnd|cfa|cfb|cfn</c>, read by the
/// generated dialplan before the saved setting). Clearing a key hands control back to the saved setting, which is
/// what an admin changing that setting means.
/// </summary>
public interface IPhoneOverrides
{
    Task ClearAsync(string extensionNumber, IEnumerable<string> keys, CancellationToken cancellationToken);
}

public static class PhoneOverrideKeys
{
    public const string Family = "BOTPBX";

    public static IReadOnlyList<string> All { get; } = ["dnd", "cfa", "cfb", "cfn"];

    /// <summary>Keys whose saved setting changed between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static IReadOnlyList<string> Changed(Extension before, Extension after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var keys = new List<string>();
        if (before.DoNotDisturb != after.DoNotDisturb) keys.Add("dnd");
        if (before.Forwarding.Always != after.Forwarding.Always) keys.Add("cfa");
        if (before.Forwarding.Busy != after.Forwarding.Busy) keys.Add("cfb");
        if (before.Forwarding.NoAnswer != after.Forwarding.NoAnswer) keys.Add("cfn");
        return keys;
    }
}
