namespace BotPbx.Asterisk.Ami;

/// <summary>The answer to a list action: the response, the item events in order, and the <c>…Complete</c> event.</summary>
/// <param name="Complete">Null when the response did not start a list (e.g. <c>Response: Error</c>).</param>
public sealed record AmiEventList(AmiResponse Response, IReadOnlyList<AmiEvent> Items, AmiEvent? Complete)
{
    /// <summary><c>ListItems:</c> of the Complete event, which Asterisk sets to the number of items it sent.</summary>
    public int? ListItems => Complete?.GetInt32("ListItems");
}
