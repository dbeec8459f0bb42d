using BotPbx.Asterisk.Ami;

namespace BotPbx.Telephony.Live;

public sealed partial class LiveModel
{
    private void OnExtensionStatus(AmiEvent e, Context context)
    {
        // During boot Asterisk reports hints with an empty Hint (fixture ami-restart-conn2-after): not a real state.
        if (string.IsNullOrEmpty(e["Hint"]) || e["Exten"] is not { Length: > 0 } number) return;
        if (ExtensionFor(number, context) is not { } ext) return;
        var status = e.GetInt32("Status");
        var text = e["StatusText"] ?? "";
        if (ext.HintStatus == status && ext.HintText == text) return;
        context.Before(ext, this);
        ext.HintStatus = status;
        ext.HintText = text;
    }

    private void OnContactStatus(AmiEvent e, Context context)
    {
        var number = e["EndpointName"] is { Length: > 0 } endpoint ? endpoint : e["AOR"];
        if (string.IsNullOrEmpty(number) || ExtensionFor(number, context) is not { } ext) return;
        var uri = e["URI"] ?? "";
        var status = e["ContactStatus"] ?? "";
        context.Before(ext, this);
        if (string.Equals(status, "Removed", StringComparison.OrdinalIgnoreCase)) ext.Contacts.Remove(uri);
        else
        {
            var agent = ext.Contacts.TryGetValue(uri, out var known) ? known.UserAgent : null;
            ext.Contacts[uri] = new LiveContactView(uri, status, agent);
        }
    }

    /// <summary>
    /// The presence entry of an extension number: created on first sight when BotPBX's directory knows the number (or
    /// when no directory was loaded, as in tests and before the database answers). Other hints are not BotPBX's.
    /// </summary>
    private ExtensionState? ExtensionFor(string number, Context context)
    {
        if (_extensions.TryGetValue(number, out var ext)) return ext;
        LiveDirectoryExtension? entry = null;
        if (_directory.Extensions.Count > 0 && !_directory.Extensions.TryGetValue(number, out entry)) return null;
        ext = new ExtensionState(number) { Name = entry?.Name ?? "", SavedDnd = entry?.SavedDnd ?? false, Since = context.Now };
        _extensions.Add(number, ext);
        context.Created(ext);
        return ext;
    }

    private LiveExtensionView ToView(ExtensionState ext)
    {
        var status = ext.HintStatus is null
            // No hint seen yet: a registered device means it can take calls.
            ? ext.Contacts.Values.Any(c => !string.Equals(c.Status, "Unreachable", StringComparison.OrdinalIgnoreCase)) ? "available" : "unavailable"
            : LiveNames.HintStatus(ext.HintStatus);
        if (status == "available" && ext.Dnd) status = "dnd";
        var hint = ext.HintText.Length > 0 ? ext.HintText : ext.HintStatus is null ? "Unknown" : status;
        return new LiveExtensionView(ext.Number, ext.Name, status, hint, ext.Dnd,
            [.. ext.Contacts.Values.OrderBy(c => c.Uri, StringComparer.Ordinal)], ext.Since);
    }
}
