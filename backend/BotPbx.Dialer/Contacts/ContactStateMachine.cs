namespace BotPbx.Dialer.Contacts;

/// <summary>
/// The contact's transitions, one place for all of them. Every change the dialer and the API make goes through
/// <see cref="Next"/>; a move not listed throws, so a bug shows as an error instead of a contact dialled twice.
/// <code>
/// pending ──claim──► dialing ──human──► answered-human
///    ▲                  │ ├──machine──► machine
///    └──never sent──────┘ └──no-answer / busy / failed──► (same) ──claim when due──► dialing
///                                                            └──no attempts left / stop──► done
/// any state but dialing ──do-not-call──► dnc
/// </code>
/// </summary>
public static class ContactStateMachine
{
    public static ContactState Claim(ContactState from) =>
        ContactStates.Dialable.Contains(from) ? ContactState.Dialing : throw Invalid(from, "claim");

    /// <summary>The state after an attempt's outcome; retryable outcomes with no attempt left end in done.</summary>
    public static ContactState Complete(ContactState from, CallOutcome outcome, bool attemptsLeft)
    {
        if (from != ContactState.Dialing) throw Invalid(from, "complete " + outcome.Name());
        return outcome switch
        {
            CallOutcome.Human or CallOutcome.Abandoned => ContactState.AnsweredHuman,
            CallOutcome.Machine => ContactState.Machine,
            _ when !attemptsLeft => ContactState.Done,
            CallOutcome.NoAnswer => ContactState.NoAnswer,
            CallOutcome.Busy => ContactState.Busy,
            _ => ContactState.Failed,
        };
    }

    /// <summary>After a restart: Asterisk never saw the attempt (no channel, no recorded outcome), so it was never dialled.</summary>
    public static ContactState Release(ContactState from) =>
        from == ContactState.Dialing ? ContactState.Pending : throw Invalid(from, "release");

    /// <summary>The campaign was stopped: contacts still waiting for an attempt are done.</summary>
    public static ContactState Stop(ContactState from) =>
        ContactStates.Dialable.Contains(from) ? ContactState.Done : from;

    /// <summary>The number was put on a do-not-call list. A call in progress finishes first (its outcome is kept).</summary>
    public static ContactState DoNotCall(ContactState from) =>
        from == ContactState.Dialing ? throw Invalid(from, "do-not-call") : ContactState.Dnc;

    private static InvalidOperationException Invalid(ContactState from, string what) =>
        new($"a contact in state {from.Name()} cannot {what}");
}
