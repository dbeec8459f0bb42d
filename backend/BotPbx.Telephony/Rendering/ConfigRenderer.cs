using BotPbx.Telephony.Model;
using BotPbx.Telephony.Validation;

namespace BotPbx.Telephony.Rendering;

/// <summary>The rendered files by name (e.g. "pjsip.conf"), sorted; same input gives the same bytes.</summary>
public sealed record RenderedConfiguration(IReadOnlyDictionary<string, string> Files);

/// <summary>Renders a configuration to Asterisk's files. Refuses anything that does not validate.</summary>
public static class ConfigRenderer
{
    public static IReadOnlyList<string> FileNames { get; } =
    [
        "ari.conf", "cdr_pgsql.conf", "confbridge.conf", "extensions.conf", "features.conf", "http.conf", "manager.conf",
        "musiconhold.conf", "pjsip.conf", "queues.conf", "rtp.conf", "voicemail.conf",
    ];

    public static RenderedConfiguration Render(PbxConfiguration configuration, RenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var errors = PbxValidator.Validate(configuration);
        RenderOptionsValidator.Validate(options, errors.At("options"));
        if (!errors.IsValid) throw new PbxValidationException(errors);

        var index = new RenderIndex(configuration, options);
        var files = new[]
        {
            AriRenderer.Render(index), CdrPgsqlRenderer.Render(index), ConfbridgeRenderer.Render(index), DialplanRenderer.Render(index),
            FeaturesRenderer.Render(index), HttpRenderer.Render(index), ManagerRenderer.Render(index),
            MohRenderer.Render(index), PjsipRenderer.Render(index), QueuesRenderer.Render(index),
            RtpRenderer.Render(index), VoicemailRenderer.Render(index),
        };
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in files) result.Add(f.FileName, f.ToString());
        return new RenderedConfiguration(result);
    }

    /// <summary>
    /// Writes every file into <paramref name="directory"/> (created if missing) as UTF-8 without BOM, LF endings. The
    /// directory and files are created owner-only and opened to Asterisk's group last (<see cref="ConfigFilePermissions"/>).
    /// </summary>
    public static Task WriteAsync(RenderedConfiguration rendered, string directory, CancellationToken cancellationToken) =>
        WriteAsync(rendered, directory, "/etc/group", cancellationToken);

    internal static async Task WriteAsync(RenderedConfiguration rendered, string directory, string groupFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        ConfigFilePermissions.CreatePrivateDirectory(directory);
        var encoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var (name, text) in rendered.Files)
        {
            var stream = ConfigFilePermissions.CreatePrivateFile(Path.Combine(directory, name));
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(encoding.GetBytes(text), cancellationToken).ConfigureAwait(false);
            }
        }
        ConfigFilePermissions.Restrict(directory, rendered.Files.Select(file => Path.Combine(directory, file.Key)), groupFile);
    }
}
