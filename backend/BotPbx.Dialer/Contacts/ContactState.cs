namespace BotPbx.Dialer.Contacts;

/// <summary>Where a campaign contact stands. Persisted by <see cref="ContactStates.Name"/> (the API's and the table's spelling).</summary>
public enum ContactState
{
    /// <summary>Waiting for its first attempt.</summary>
    Pending,
    /// <summary>Claimed by the dialer: an attempt row exists and Originate was (or is about to be) sent.</summary>
    Dialing,
    /// <summary>A person answered (AMD HUMAN or NOTSURE, or AMD off) and was handed to the campaign's destination. Final.</summary>
    AnsweredHuman,
    /// <summary>An answering machine answered; the voicemail message was left or the call hung up. Final.</summary>
    Machine,
    /// <summary>Rang out: retried after the no-answer delay while attempts remain.</summary>
    NoAnswer,
    /// <summary>Busy: retried after the busy delay while attempts remain.</summary>
    Busy,
    /// <summary>The call could not be placed (congestion, trunk down, refused): retried after the failed delay while attempts remain.</summary>
    Failed,
    /// <summary>No more attempts (all used, or the campaign was stopped). Final.</summary>
    Done,
    /// <summary>On a do-not-call list: never dialled. Final.</summary>
    Dnc,
}

public static class ContactStates
{
    private static readonly string[] Names = ["pending", "dialing", "answered-human", "machine", "no-answer", "busy", "failed", "done", "dnc"];

    public static string Name(this ContactState state) => Names[(int)state];

    public static bool TryParse(string? name, out ContactState state)
    {
        var index = Array.IndexOf(Names, name);
        state = index < 0 ? default : (ContactState)index;
        return index >= 0;
    }

    public static ContactState Parse(string name) =>
        TryParse(name, out var state) ? state : throw new ArgumentException("unknown contact state " + name, nameof(name));

    public static IReadOnlyList<string> All => Names;

    /// <summary>States a contact may be claimed from (when its next attempt is due).</summary>
    public static readonly IReadOnlyList<ContactState> Dialable = [ContactState.Pending, ContactState.NoAnswer, ContactState.Busy, ContactState.Failed];
}
