using System.Globalization;
using BotPbx.Calls.Tests.Audio;
using BotPbx.TestSupport.Voice;
using Npgsql;

namespace BotPbx.Calls.Tests.Harness;

/// <summary>A turn of an agent conversation as the service saved it (agent_turns).</summary>
public sealed record AgentTurn(string Role, string Text, bool Interrupted, DateTimeOffset? EndOfSpeech, DateTimeOffset? SttFinal,
    DateTimeOffset? LlmFirstToken, DateTimeOffset? TtsFirstAudio, DateTimeOffset? FirstFrameSent);

/// <summary>An agent conversation as the service saved it (agent_conversations).</summary>
public sealed record AgentConversation(string? Outcome, string? TransferredTo, IReadOnlyList<AgentTurn> Turns);

/// <summary>AI agents in real-call tests: an offline agent (pocketsphinx with a grammar, a scripted LLM, flite) and what it saved.</summary>
public static class AiAgentSteps
{
    /// <summary>What callers say in these tests: pocketsphinx is given this grammar, by far its most accurate mode on phone audio.</summary>
    public const string CallerGrammar =
        "#JSGF V1.0;\ngrammar caller;\npublic <s> = ( i would like to talk to sales please | hello | goodbye )+;\n";

    /// <summary>
    /// Creates an offline agent (pocketsphinx with <see cref="CallerGrammar"/>, the scripted OpenAI-compatible server, flite).
    /// <paramref name="customize"/> may add fields (number, realtimeProvider…). Not applied.
    /// </summary>
    public static async Task<long> CreateOfflineAgentAsync(this PbxFixture pbx, ScriptedOpenAiServer? llm, string greeting,
        object[] transferTargets, Action<Dictionary<string, object?>>? customize = null)
    {
        var models = Directory.CreateDirectory(Path.Combine(pbx.WorkDirectory, "botpbx", "speech")).FullName;
        var grammarName = $"caller-{Guid.NewGuid():N}.gram";
        await File.WriteAllTextAsync(Path.Combine(models, grammarName), CallerGrammar);
        if (llm is not null) await pbx.Api.PutAsync("api/ai-providers/openai-compatible", new { baseUrl = llm.BaseUrl.ToString() });
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Front desk " + pbx.NextNumber(), ["llmProvider"] = "openai-compatible", ["model"] = "scripted",
            ["systemPrompt"] = "You are the front desk of Acme. Caller {{caller_id}}.", ["greeting"] = greeting, ["ttsEngine"] = "flite",
            ["sttEngine"] = "pocketsphinx", ["sttLanguage"] = "en-US", ["sttModel"] = grammarName, ["maxTurns"] = 10,
            ["silenceTimeoutSeconds"] = 20, ["transferTargets"] = transferTargets,
        };
        customize?.Invoke(body);
        var agent = await pbx.Api.PostAsync("api/agents", body);
        return agent["id"]!.GetValue<long>();
    }

    /// <summary>Applies, then waits until BotPBX's ARI connection is up: Asterisk refuses Stasis(botpbx,…) until the application is registered.</summary>
    public static async Task ApplyAndWaitForAriAsync(this PbxFixture pbx)
    {
        await pbx.Api.ApplyAsync();
        await WaitForAsync(async () => (await pbx.Api.GetAsync("api/system/status"))["asterisk"]?["ari"]?["state"]?.GetValue<string>() == "connected",
            TimeSpan.FromSeconds(30));
    }

    /// <summary>A microphone wav: silence, then <paramref name="sentence"/> spoken by flite (if any), then silence to the end of the call.</summary>
    public static async Task<string> CallerWavAsync(this PbxFixture pbx, string? sentence, TimeSpan before)
    {
        short[] words = sentence is null ? [] : Wav.Read(await Speech.SayAsync(pbx, sentence));
        short[] samples = [.. new short[(int)(before.TotalSeconds * Wav.SampleRate)], .. words, .. new short[60 * Wav.SampleRate]];
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(pbx.WorkDirectory, "speech")).FullName, $"caller-{Guid.NewGuid():N}.wav");
        Wav.Write(path, samples);
        return path;
    }

    /// <summary>The agent's latest conversation as the service saved it (empty when there is none yet).</summary>
    public static async Task<AgentConversation> LatestConversationAsync(this PbxFixture pbx, long agentId)
    {
        await using var connection = new NpgsqlConnection(pbx.DatabaseUrl);
        await connection.OpenAsync();
        await using var find = new NpgsqlCommand("SELECT id, outcome, transferred_to FROM agent_conversations WHERE agent_id = $1 ORDER BY id DESC LIMIT 1", connection);
        find.Parameters.AddWithValue(agentId);
        long id;
        string? outcome, transferredTo;
        await using (var reader = await find.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync()) return new AgentConversation(null, null, []);
            id = reader.GetInt64(0);
            outcome = reader.IsDBNull(1) ? null : reader.GetString(1);
            transferredTo = reader.IsDBNull(2) ? null : reader.GetString(2);
        }
        await using var turns = new NpgsqlCommand(
            "SELECT role, text, interrupted, end_of_speech, stt_final, llm_first_token, tts_first_audio, first_frame_sent FROM agent_turns WHERE conversation_id = $1 ORDER BY index", connection);
        turns.Parameters.AddWithValue(id);
        var list = new List<AgentTurn>();
        await using (var reader = await turns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
                list.Add(new AgentTurn(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), At(3), At(4), At(5), At(6), At(7)));
            }
        }
        return new AgentConversation(outcome, transferredTo, list);
    }

    /// <summary>The start of the first second in which <paramref name="hz"/> is heard throughout.</summary>
    public static TimeSpan? ToneStart(short[] samples, double hz)
    {
        for (var at = 0; at + Wav.SampleRate <= samples.Length; at += Wav.SampleRate / 10)
        {
            if (Tones.Presence(samples.AsSpan(at, Wav.SampleRate), hz) > 0.9) return TimeSpan.FromSeconds((double)at / Wav.SampleRate);
        }
        return null;
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The awaited condition did not hold in time.");
            await Task.Delay(200);
        }
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
