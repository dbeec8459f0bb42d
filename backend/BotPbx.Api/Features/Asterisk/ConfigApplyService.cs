using BotPbx.Api.Configuration;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Hosting;
using BotPbx.Asterisk.Ami;
using BotPbx.Ivr.Prompts;
using BotPbx.Telephony.Apply;
using BotPbx.Telephony.Model;
using BotPbx.Telephony.Rendering;
using BotPbx.Telephony.Validation;
using Microsoft.Extensions.Options;
using HostAmiOptions = BotPbx.Api.Configuration.AmiOptions;

namespace BotPbx.Api.Features.Asterisk;

/// <summary>
/// Loads the saved configuration, renders it and applies it (ConfigApplier), all inside the PBX write lock so no
/// change is saved half-way through; records the outcome and clears "pending changes" on success.
/// </summary>
public sealed partial class ConfigApplyService(
    PbxStore store, AsteriskAccess asterisk, IOptions<AsteriskOptions> asteriskOptions, IOptions<HostAmiOptions> ami,
    IOptions<AriOptions> ari, FastAgiHostedService agi, BotPbx.Api.Features.Calls.CdrWriterSettings cdrWriter, SystemPromptMaker systemPrompts, TimeProvider time, ILogger<ConfigApplyService> logger)
{
    private AsteriskPaths Paths => new(asteriskOptions.Value);

    /// <summary>Where the generated files go: <c>ASTERISK_CONFIG_DIR</c>/botpbx.</summary>
    public string ConfigDirectory => Paths.GeneratedConfig;

    /// <exception cref="PbxValidationException">The saved data or the server's AMI/ARI credentials do not validate.</exception>
    /// <exception cref="InvalidOperationException">AMI is not configured.</exception>
    /// <exception cref="AmiException">AMI is not connected, or the connection was lost during the apply (after the
    /// report was recorded and the previous files restored); answered 503 <c>asterisk_unavailable</c>.</exception>
    /// <exception cref="AmiTimeoutException">Asterisk stopped answering during the apply; same as above.</exception>
    public async Task<ApplyReport> ApplyAsync(CancellationToken cancellationToken)
    {
        var manager = new FailFastAsteriskManager(asterisk.Manager ?? throw new InvalidOperationException("AMI is not configured (AMI_USER, AMI_SECRET)."));
        // Not connected: refuse before touching any file (the files would only be swapped in and restored again).
        if (asterisk.Client is { Status: { State: not AmiConnectionState.Connected } status })
            throw new AmiConnectionException($"AMI is {status.State.ToString().ToLowerInvariant()}" + (status.LastError is { } e ? ": " + e.Message : ""));
        await EnsureSystemPromptsAsync(cancellationToken);
        var report = await store.InLockAsync(async (connection, transaction) =>
        {
            var rendered = await RenderSavedAsync(connection, transaction, cancellationToken);
            using var applier = new ConfigApplier(manager, new ApplyOptions { ConfigDirectory = ConfigDirectory }, time);
            var report = await applier.ApplyAsync(rendered, cancellationToken);
            await PbxStore.RecordApplyAsync(connection, transaction, report.Success, PbxJson.Serialize(report), cancellationToken);
            if (report.Success) LogApplied(logger, report.ChangedFiles.Count);
            else LogFailed(logger, report.Error);
            return report;
        }, cancellationToken);
        if (!report.Success) manager.ThrowIfFailed();
        return report;
    }

    /// <summary>
    /// Renders the saved configuration and installs the files exactly as an apply does, but reloads nothing and
    /// needs no AMI: the installer runs this before Asterisk knows BotPBX's AMI user (that user is in these files).
    /// Nothing is recorded as applied; Asterisk reads the files on its next reload.
    /// </summary>
    /// <returns>Every file of the generation (in <see cref="ConfigDirectory"/>) and the ones that changed.</returns>
    /// <exception cref="PbxValidationException">The saved data or the server's AMI/ARI credentials do not validate.</exception>
    /// <exception cref="IOException">The files could not be installed; the live directory is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">Same as above.</exception>
    public async Task<(IReadOnlyList<string> Files, IReadOnlyList<string> Changed)> RenderToDiskAsync(CancellationToken cancellationToken)
    {
        return await store.InLockAsync(async (connection, transaction) =>
        {
            var rendered = await RenderSavedAsync(connection, transaction, cancellationToken);
            var changed = await new ConfigFileInstaller(new ApplyOptions { ConfigDirectory = ConfigDirectory }).InstallAsync(rendered, cancellationToken);
            return ((IReadOnlyList<string>)[.. rendered.Files.Keys], changed);
        }, cancellationToken);
    }

    private async Task<RenderedConfiguration> RenderSavedAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var config = await store.LoadAsync(connection, transaction, cancellationToken);
        return ConfigRenderer.Render(config, RenderOptions());
    }

    /// <summary>
    /// The dialplan plays BotPBX's own prompts (SystemPrompts): make any that are missing before Asterisk is told to
    /// reload. Cached, so this is a few file checks when nothing changed. Without flite or sox the apply still goes on
    /// (Asterisk then plays nothing where the prompt is missing), and the log says why.
    /// </summary>
    private async Task EnsureSystemPromptsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await systemPrompts.EnsureAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            LogPromptsNotMade(logger, systemPrompts.Directory, e.Message);
        }
    }

    /// <summary>Paths (all from <see cref="AsteriskPaths"/>) and the credentials BotPBX itself logs in with (rendered into manager.conf and ari.conf).</summary>
    public RenderOptions RenderOptions()
    {
        var paths = Paths;
        var (agiHost, agiPort) = agi.DialplanAddress();
        return new RenderOptions
        {
            MohRoot = paths.MohRoot,
            RecordingRoot = paths.CallRecordings,
            SystemSoundsDirectory = paths.SystemSounds,
            AmiUser = ami.Value.User ?? "",
            AmiSecret = ami.Value.Secret ?? "",
            AriUser = string.IsNullOrEmpty(ari.Value.User) ? "botpbx" : ari.Value.User,
            // Without ARI credentials the ARI user gets the AMI secret: ari.conf must not hold an empty password.
            AriSecret = string.IsNullOrEmpty(ari.Value.Password) ? ami.Value.Secret ?? "" : ari.Value.Password,
            // Asterisk's HTTP server listens where BotPBX's ARI client connects: one setting (ARI_URL) for both.
            AriHttpPort = AriHttpPort(ari.Value.Url),
            // The IVR hand-off dials the FastAGI server this process runs: one setting (AGI_HOST/AGI_PORT) for both.
            AgiHost = agiHost,
            AgiPort = agiPort,
            // Asterisk's cdr_pgsql writes the call log into this database as the INSERT-only CDR role (docs/call-logs.md).
            CdrDatabase = cdrWriter.ForAsterisk(),
        };
    }

    private static int AriHttpPort(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0 ? uri.Port : new RenderOptions().AriHttpPort;

    [LoggerMessage(Level = LogLevel.Information, Message = "Asterisk configuration applied; {Count} files changed")]
    private static partial void LogApplied(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BotPBX's system prompts could not be made in {Directory}: {Reason}")]
    private static partial void LogPromptsNotMade(ILogger logger, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Asterisk configuration apply failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string? error);
}
