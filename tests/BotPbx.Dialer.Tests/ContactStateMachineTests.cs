using BotPbx.Dialer.Contacts;

namespace BotPbx.Dialer.Tests;

public sealed class ContactStateMachineTests
{
    [Theory]
    [InlineData(ContactState.Pending)]
    [InlineData(ContactState.NoAnswer)]
    [InlineData(ContactState.Busy)]
    [InlineData(ContactState.Failed)]
    public void A_waiting_contact_can_be_claimed_for_a_call(ContactState from) =>
        Assert.Equal(ContactState.Dialing, ContactStateMachine.Claim(from));

    [Theory]
    [InlineData(ContactState.Dialing)]
    [InlineData(ContactState.AnsweredHuman)]
    [InlineData(ContactState.Machine)]
    [InlineData(ContactState.Done)]
    [InlineData(ContactState.Dnc)]
    public void A_contact_being_dialled_or_finished_cannot_be_claimed_again(ContactState from) =>
        Assert.Throws<InvalidOperationException>(() => ContactStateMachine.Claim(from));

    [Theory]
    [InlineData(CallOutcome.Human, true, ContactState.AnsweredHuman)]
    [InlineData(CallOutcome.Abandoned, true, ContactState.AnsweredHuman)]
    [InlineData(CallOutcome.Machine, true, ContactState.Machine)]
    [InlineData(CallOutcome.NoAnswer, true, ContactState.NoAnswer)]
    [InlineData(CallOutcome.Busy, true, ContactState.Busy)]
    [InlineData(CallOutcome.Failed, true, ContactState.Failed)]
    [InlineData(CallOutcome.NoAnswer, false, ContactState.Done)]
    [InlineData(CallOutcome.Busy, false, ContactState.Done)]
    [InlineData(CallOutcome.Failed, false, ContactState.Done)]
    [InlineData(CallOutcome.Human, false, ContactState.AnsweredHuman)]
    public void An_outcome_moves_the_contact_and_retries_end_when_no_attempt_is_left(CallOutcome outcome, bool attemptsLeft, ContactState expected) =>
        Assert.Equal(expected, ContactStateMachine.Complete(ContactState.Dialing, outcome, attemptsLeft));

    [Fact]
    public void Only_a_contact_being_dialled_takes_an_outcome() =>
        Assert.Throws<InvalidOperationException>(() => ContactStateMachine.Complete(ContactState.Pending, CallOutcome.Human, true));

    [Fact]
    public void A_call_asterisk_never_saw_puts_the_contact_back_to_pending() =>
        Assert.Equal(ContactState.Pending, ContactStateMachine.Release(ContactState.Dialing));

    [Fact]
    public void Do_not_call_waits_for_a_call_in_progress_but_stops_everything_else()
    {
        Assert.Throws<InvalidOperationException>(() => ContactStateMachine.DoNotCall(ContactState.Dialing));
        Assert.Equal(ContactState.Dnc, ContactStateMachine.DoNotCall(ContactState.Busy));
    }

    [Fact]
    public void Stopping_ends_waiting_contacts_and_keeps_final_ones()
    {
        Assert.Equal(ContactState.Done, ContactStateMachine.Stop(ContactState.Pending));
        Assert.Equal(ContactState.Machine, ContactStateMachine.Stop(ContactState.Machine));
    }

    [Fact]
    public void States_are_persisted_by_the_names_the_API_uses()
    {
        Assert.Equal(["pending", "dialing", "answered-human", "machine", "no-answer", "busy", "failed", "done", "dnc"], ContactStates.All);
        foreach (var name in ContactStates.All) Assert.Equal(name, ContactStates.Parse(name).Name());
    }

    [Theory]
    [InlineData(3, null, CallOutcome.NoAnswer)]
    [InlineData(5, null, CallOutcome.Busy)]
    [InlineData(8, null, CallOutcome.Failed)]
    [InlineData(0, 17, CallOutcome.Busy)]
    [InlineData(0, 19, CallOutcome.NoAnswer)]
    [InlineData(0, 34, CallOutcome.Failed)]
    [InlineData(0, null, CallOutcome.Failed)]
    public void An_originate_that_did_not_connect_is_told_apart_by_its_reason_and_the_channels_cause(int reason, int? cause, CallOutcome expected) =>
        Assert.Equal(expected, CallOutcomes.FromOriginate(reason, cause));

    [Theory]
    [InlineData("MACHINE", CallOutcome.Machine)]
    [InlineData("HUMAN", CallOutcome.Human)]
    [InlineData("NOTSURE", CallOutcome.Human)]
    [InlineData("", CallOutcome.Human)]
    public void Amd_notsure_counts_as_a_person(string status, CallOutcome expected) =>
        Assert.Equal(expected, CallOutcomes.FromAmdStatus(status));

    [Fact]
    public void Retry_attempts_count_calls_after_the_first_with_a_delay_per_outcome()
    {
        var retry = new RetryPolicy(2, 60, 30, 90);
        Assert.True(retry.AttemptsLeft(2));
        Assert.False(retry.AttemptsLeft(3));
        Assert.Equal(TimeSpan.FromSeconds(30), retry.DelayAfter(CallOutcome.Busy));
        Assert.Equal(TimeSpan.FromSeconds(60), retry.DelayAfter(CallOutcome.NoAnswer));
        Assert.Equal(TimeSpan.FromSeconds(90), retry.DelayAfter(CallOutcome.Failed));
    }
}
