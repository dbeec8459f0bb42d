using BotPbx.Voice.Audio;
using BotPbx.Voice.Pipeline;
using BotPbx.Voice.Tests.Audio;

namespace BotPbx.Voice.Tests.Pipeline;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Sentences_come_out_as_soon_as_they_are_complete()
    {
        var splitter = new SentenceSplitter();

        Assert.Empty(splitter.Add("Hello the"));
        Assert.Equal(["Hello there."], splitter.Add("re. How are"));
        Assert.Equal(["How are you?"], splitter.Add(" you? "));
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void Decimals_abbreviations_and_initials_do_not_end_a_sentence()
    {
        var splitter = new SentenceSplitter();

        var sentences = splitter.Add("It costs 3.50 dollars. Dr. Smith and J. Doe work at Acme Inc. today. ");

        Assert.Equal(["It costs 3.50 dollars.", "Dr. Smith and J. Doe work at Acme Inc. today."], sentences);
    }

    [Fact]
    public void The_rest_is_spoken_when_the_model_is_done_and_markdown_is_not_read_aloud()
    {
        var splitter = new SentenceSplitter();

        Assert.Empty(splitter.Add("**Sure**, call back"));
        Assert.Equal("Sure, call back", splitter.Flush());
    }

    [Fact]
    public void A_sentence_that_never_ends_is_cut_at_a_comma()
    {
        var splitter = new SentenceSplitter { MaxLength = 30 };

        var sentences = splitter.Add("We have red, green, blue and also many other colours in stock for you");

        Assert.Equal("We have red, green,", sentences[0]);
    }
}

public sealed class VoiceActivityDetectorTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private static readonly byte[] Loud = Pcm16Tests.Tone(300, 8_000, 160, 3000);
    private static readonly byte[] Quiet = Pcm16Tests.Tone(300, 8_000, 160, 100);

    [Fact]
    public void A_turn_starts_after_the_onset_and_ends_after_the_hangover()
    {
        var vad = new VoiceActivityDetector(new VadSettings(), Frame);

        var events = Run(vad, Loud, 3, false).Concat(Run(vad, Loud, 10, false)).Concat(Run(vad, Quiet, 30, false)).ToList();

        Assert.Equal(VadEvent.SpeechStarted, events[2]);
        Assert.Equal(1, events.Count(e => e == VadEvent.SpeechStarted));
        // 600 ms hangover = 30 frames of quiet: the turn ends on the 30th.
        Assert.Equal(VadEvent.TurnEnded, events[^1]);
        Assert.Equal(1, events.Count(e => e == VadEvent.TurnEnded));
    }

    [Fact]
    public void While_the_agent_talks_more_speech_is_needed_to_barge_in()
    {
        var vad = new VoiceActivityDetector(new VadSettings(), Frame);

        var talking = Run(vad, Loud, 5, agentSpeaking: true).ToList();

        Assert.DoesNotContain(VadEvent.SpeechStarted, talking);
        Assert.Equal(VadEvent.SpeechStarted, vad.Process(Loud, agentSpeaking: true));
    }

    [Fact]
    public void Too_little_speech_is_dropped_and_quiet_line_noise_never_starts_a_turn()
    {
        var vad = new VoiceActivityDetector(new VadSettings { SpeechOnset = TimeSpan.FromMilliseconds(40) }, Frame);

        Assert.DoesNotContain(VadEvent.SpeechStarted, Run(vad, Quiet, 100, false));
        var events = Run(vad, Loud, 2, false).Concat(Run(vad, Quiet, 30, false)).ToList();
        Assert.Contains(VadEvent.SpeechStarted, events);
        Assert.Equal(VadEvent.TurnDropped, events[^1]);
    }

    private static IEnumerable<VadEvent> Run(VoiceActivityDetector vad, byte[] frame, int count, bool agentSpeaking)
    {
        var events = new List<VadEvent>();
        for (var i = 0; i < count; i++) events.Add(vad.Process(frame, agentSpeaking));
        return events;
    }
}

public sealed class PromptTemplateTests
{
    [Fact]
    public void Variables_are_filled_in_and_unknown_ones_left_empty()
    {
        var text = PromptTemplate.Render("Caller {{caller_id}} ({{ Caller_Name }}) dialled {{did}}{{missing}}.",
            new Dictionary<string, string> { ["caller_id"] = "1001", ["caller_name"] = "Ann", ["did"] = "5551234" });

        Assert.Equal("Caller 1001 (Ann) dialled 5551234.", text);
    }
}
