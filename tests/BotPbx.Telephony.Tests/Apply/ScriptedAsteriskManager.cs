using System.Collections.Concurrent;
using BotPbx.Telephony.Apply;

namespace BotPbx.Telephony.Tests.Apply;

/// <summary>Answers reloads from a per-module script (default: Reloaded) and records every call in order.</summary>
internal sealed class ScriptedAsteriskManager : IAsteriskManager
{
    private readonly ConcurrentDictionary<string, Queue<Func<ModuleReloadOutcome>>> _scripts = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    /// <summary>Snapshot of the live directory's pjsip.conf at each reload, to prove which files a reload saw.</summary>
    public Func<string>? Observe { get; set; }

    public List<string> Observed { get; } = [];

    public void Script(string module, params Func<ModuleReloadOutcome>[] answers) =>
        _scripts[module] = new Queue<Func<ModuleReloadOutcome>>(answers);

    public Task<ModuleReloadOutcome> ReloadModuleAsync(string moduleName, CancellationToken cancellationToken)
    {
        Calls.Add(moduleName);
        if (Observe is not null) Observed.Add(Observe());
        if (_scripts.TryGetValue(moduleName, out var queue) && queue.Count > 0) return Task.FromResult(queue.Dequeue()());
        return Task.FromResult(ModuleReloadOutcome.Reloaded);
    }

    public Task<IReadOnlyList<string>> CommandAsync(string command, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
