namespace BotPbx.Telephony.Apply;

/// <summary>What applying configuration needs from Asterisk; implemented over the AMI client.</summary>
public interface IAsteriskManager
{
    /// <summary>Reloads one module (AMI <c>Reload Module: x</c>). "Reload in progress" is an outcome, not an exception.</summary>
    Task<ModuleReloadOutcome> ReloadModuleAsync(string moduleName, CancellationToken cancellationToken);

    /// <summary>Runs a CLI command and returns its output lines.</summary>
    Task<IReadOnlyList<string>> CommandAsync(string command, CancellationToken cancellationToken);
}

public enum ModuleReloadOutcome
{
    Reloaded,
    /// <summary>Another reload is running (AMI: <c>A reload is in progress</c>); retry shortly.</summary>
    InProgress,
    /// <summary>The module is not loaded (<c>No such module</c>); its file is still installed for when it is.</summary>
    NotLoaded,
    NotSupported,
}
