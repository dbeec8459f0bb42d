namespace BotPbx.Telephony.Rendering;

/// <summary>extensions.conf lines. Every user-supplied piece of an application's arguments goes through <see cref="T"/>.</summary>
internal sealed class Dialplan(ConfFile file)
{
    public ConfFile File { get; } = file;

    /// <summary>Checks a data value for use inside application arguments (see <see cref="ConfSafety.Token"/>).</summary>
    public static string T(string value) => ConfSafety.Token(value);

    public Dialplan Context(string name, string? comment = null)
    {
        File.Section(name, comment);
        return this;
    }

    public Dialplan Include(string context)
    {
        File.Raw("include => " + T(context));
        return this;
    }

    /// <summary>A hint over one or more devices; each device is checked, then joined with '&amp;'.</summary>
    public Dialplan Hint(string extension, params string[] devices)
    {
        File.Raw("exten => " + T(extension) + ",hint," + string.Join('&', devices.Select(T)));
        return this;
    }

    /// <summary>Priority 1 of <paramref name="extension"/>; follow with <see cref="Same"/>.</summary>
    public Dialplan Exten(string extension, string application)
    {
        File.Raw("exten => " + T(extension) + ",1," + application);
        return this;
    }

    public Dialplan Same(string application, string? label = null)
    {
        File.Raw(label is null ? " same => n," + application : " same => n(" + T(label) + ")," + application);
        return this;
    }

    public Dialplan SameAll(IEnumerable<string> applications)
    {
        foreach (var app in applications) Same(app);
        return this;
    }

    public Dialplan Blank()
    {
        File.BlankLine();
        return this;
    }
}
