using BotPbx.Api.Database;
using BotPbx.Telephony.Validation;

namespace BotPbx.Api.Features.Asterisk;

/// <summary>
/// <c>dotnet BotPbx.Api.dll render-asterisk-config</c>: migrates the database if needed, renders the saved PBX into
/// <c>ASTERISK_CONFIG_DIR</c>/botpbx exactly as an apply does, reloads nothing, and exits. It breaks the installer's
/// chicken-and-egg: an apply needs AMI, but BotPBX's AMI user only exists once these files are written and Asterisk
/// has reloaded (installer/asterisk.sh runs `asterisk -rx 'core reload'` next).
/// Prints the files it wrote, never their contents (manager.conf and ari.conf hold secrets); on failure one line on
/// standard error and a non-zero exit code.
/// </summary>
public static class RenderConfigCommand
{
    public const string Name = "render-asterisk-config";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using (app)
        {
            // The database step logs its own one-line reason (host, port, database, never the password).
            if (!await app.PrepareDatabaseAsync(createFirstAdmin: false, cancellationToken)) return 1;

            var apply = app.Services.GetRequiredService<ConfigApplyService>();
            try
            {
                var (files, changed) = await apply.RenderToDiskAsync(cancellationToken);
                foreach (var file in files)
                {
                    var state = changed.Contains(file) ? "written" : "unchanged";
                    await Console.Out.WriteLineAsync($"{state}: {Path.Combine(apply.ConfigDirectory, file)}");
                }
                return 0;
            }
            catch (PbxValidationException e)
            {
                return await FailAsync("cannot render the Asterisk configuration: " + e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return await FailAsync($"cannot write {apply.ConfigDirectory}: {e.Message}");
            }
        }
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(Name + ": " + message);
        return 1;
    }
}
