using System.Text;

namespace BotPbx.Voice.Providers;

/// <summary>
/// Joins streamed tool-call fragments into whole calls. OpenAI-style streams key fragments by the call's index: the
/// first fragment of a call carries its id and name, later ones append to its arguments. Calls come out in index order.
/// Shared by the vendor clients that stream tool calls in pieces.
/// </summary>
public sealed class ToolCallAssembler
{
    private readonly SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)> _calls = [];

    public void Add(int index, string? id, string? name, string? argumentsFragment)
    {
        if (!_calls.TryGetValue(index, out var call)) call = (null, null, new StringBuilder());
        if (!string.IsNullOrEmpty(id)) call.Id = id;
        if (!string.IsNullOrEmpty(name)) call.Name = call.Name is null ? name : call.Name;
        if (!string.IsNullOrEmpty(argumentsFragment)) call.Arguments.Append(argumentsFragment);
        _calls[index] = call;
    }

    /// <summary>The calls so far; a call without a name is dropped (a server that sent only stray fragments).</summary>
    public IReadOnlyList<ToolCall> Complete()
    {
        var result = new List<ToolCall>(_calls.Count);
        foreach (var (index, call) in _calls)
        {
            if (string.IsNullOrEmpty(call.Name)) continue;
            var arguments = call.Arguments.Length == 0 ? "{}" : call.Arguments.ToString();
            result.Add(new ToolCall(call.Id ?? $"call_{index}", call.Name, arguments));
        }
        _calls.Clear();
        return result;
    }
}
