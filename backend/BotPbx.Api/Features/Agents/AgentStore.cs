using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BotPbx.Api.Problems;
using BotPbx.Data;
using Dapper;
using Npgsql;

namespace BotPbx.Api.Features.Agents;

/// <summary>The agent with the given name (case-insensitively) exists already.</summary>
public sealed class DuplicateAgentNameException(Exception inner) : Exception("duplicate agent name", inner);

/// <summary>
/// Agents in PostgreSQL: the form's fields in <c>agents</c>, the lists in child tables rewritten whole on each save
/// (a PUT replaces a list whole). Functions and webhooks keep their id and secret across saves when sent with their id.
/// Writes take the caller's connection and transaction, so they run under the PBX write lock with the reference checks.
/// </summary>
public sealed class AgentStore(IDbConnectionFactory database)
{
    private const string AgentColumns =
        """
        id, name, description, llm_provider, model, temperature, max_tokens, system_prompt, greeting, tts_engine, tts_voice,
        tts_speed, stt_engine, stt_language, stt_model, realtime_provider, number, max_turns, silence_timeout_seconds, end_call_phrases,
        created_at, updated_at
        """;

    public static string NewSecret() => "bpx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async Task<(IReadOnlyList<AgentRecord> Items, long Total)> ListAsync(ListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        const string filter = @"WHERE @pattern::text IS NULL OR name ILIKE @pattern OR description ILIKE @pattern OR model ILIKE @pattern";
        var parameters = new { pattern = query.LikePattern, limit = query.Limit, offset = query.Offset };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM agents {filter}", parameters,
            cancellationToken: cancellationToken));
        var rows = (await connection.QueryAsync<AgentRow>(new CommandDefinition(
            $"SELECT {AgentColumns} FROM agents {filter} ORDER BY lower(name), id LIMIT @limit OFFSET @offset", parameters,
            cancellationToken: cancellationToken))).ToList();
        return (await WithChildrenAsync(connection, null, rows, cancellationToken), total);
    }

    public async Task<AgentRecord?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, id, cancellationToken);
    }

    public async Task<AgentRecord?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = (await connection.QueryAsync<AgentRow>(new CommandDefinition($"SELECT {AgentColumns} FROM agents WHERE id = @id",
            new { id }, transaction, cancellationToken: cancellationToken))).ToList();
        return (await WithChildrenAsync(connection, transaction, rows, cancellationToken)).SingleOrDefault();
    }

    /// <summary>By name, case-insensitively (AI_AGENT).</summary>
    public async Task<AgentRecord?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AgentRow>(new CommandDefinition($"SELECT {AgentColumns} FROM agents WHERE lower(name) = lower(@name)",
            new { name }, cancellationToken: cancellationToken))).ToList();
        return (await WithChildrenAsync(connection, null, rows, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Every agent's id and name, by name (the destination pickers).</summary>
    public async Task<IReadOnlyList<(long Id, string Name, string? Number)>> NamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long, string, string?)>(new CommandDefinition("SELECT id, name, number FROM agents ORDER BY lower(name), id",
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<IReadOnlySet<long>> ExistingAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await connection.QueryAsync<long>(new CommandDefinition("SELECT id FROM agents WHERE id = ANY(@ids)", new { ids = ids.ToArray() },
            cancellationToken: cancellationToken));
        return found.ToHashSet();
    }

    /// <summary>Agents with a transfer target of <paramref name="kind"/> to <paramref name="number"/>.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> TransferringToAsync(string kind, string number, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long, string)>(new CommandDefinition(
            """
            SELECT DISTINCT a.id, a.name FROM agents a JOIN agent_transfer_targets t ON t.agent_id = a.id
            WHERE t.kind = @kind AND t.number = @number ORDER BY a.name, a.id
            """, new { kind, number }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Creates (<paramref name="id"/> null) or replaces an agent; null when <paramref name="id"/> names none.</summary>
    /// <exception cref="ValidationFailedException">A function or webhook id that is not this agent's.</exception>
    /// <exception cref="DuplicateAgentNameException">Another agent has this name.</exception>
    public async Task<(AgentRecord Record, GeneratedSecrets Secrets)?> SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long? id, AgentDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(draft);
        var existing = id is { } given ? await FindAsync(connection, transaction, given, cancellationToken) : null;
        if (id is not null && existing is null) return null;
        CheckOwnIds(draft, existing);

        var values = new
        {
            id, draft.Name, draft.Description, draft.LlmProvider, draft.Model, draft.Temperature, draft.MaxTokens, draft.SystemPrompt,
            draft.Greeting, draft.TtsEngine, draft.TtsVoice, draft.TtsSpeed, draft.SttEngine, draft.SttLanguage, draft.SttModel,
            draft.RealtimeProvider, draft.Number, draft.MaxTurns, draft.SilenceTimeoutSeconds, EndCallPhrases = draft.EndCallPhrases.ToArray(),
        };
        long agentId;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("SAVEPOINT agent_save", transaction: transaction, cancellationToken: cancellationToken));
            agentId = id is null
                ? await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO agents (name, description, llm_provider, model, temperature, max_tokens, system_prompt, greeting, tts_engine,
                        tts_voice, tts_speed, stt_engine, stt_language, stt_model, realtime_provider, number, max_turns, silence_timeout_seconds, end_call_phrases)
                    VALUES (@Name, @Description, @LlmProvider, @Model, @Temperature, @MaxTokens, @SystemPrompt, @Greeting, @TtsEngine,
                        @TtsVoice, @TtsSpeed, @SttEngine, @SttLanguage, @SttModel, @RealtimeProvider, @Number, @MaxTurns, @SilenceTimeoutSeconds, @EndCallPhrases)
                    RETURNING id
                    """, values, transaction, cancellationToken: cancellationToken))
                : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    UPDATE agents SET name = @Name, description = @Description, llm_provider = @LlmProvider, model = @Model,
                        temperature = @Temperature, max_tokens = @MaxTokens, system_prompt = @SystemPrompt, greeting = @Greeting,
                        tts_engine = @TtsEngine, tts_voice = @TtsVoice, tts_speed = @TtsSpeed, stt_engine = @SttEngine,
                        stt_language = @SttLanguage, stt_model = @SttModel, realtime_provider = @RealtimeProvider, number = @Number, max_turns = @MaxTurns,
                        silence_timeout_seconds = @SilenceTimeoutSeconds, end_call_phrases = @EndCallPhrases, updated_at = now()
                    WHERE id = @id RETURNING id
                    """, values, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("RELEASE SAVEPOINT agent_save", transaction: transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "agents_number_key")
        {
            // Checked under the PBX lock before the save, so only a write that bypassed the lock gets here.
            await connection.ExecuteAsync(new CommandDefinition("ROLLBACK TO SAVEPOINT agent_save", transaction: transaction, cancellationToken: cancellationToken));
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["number"] = ["is already used by another AI agent"] });
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await connection.ExecuteAsync(new CommandDefinition("ROLLBACK TO SAVEPOINT agent_save", transaction: transaction, cancellationToken: cancellationToken));
            throw new DuplicateAgentNameException(e);
        }

        var secrets = await WriteChildrenAsync(connection, transaction, agentId, draft, cancellationToken);
        var saved = await FindAsync(connection, transaction, agentId, cancellationToken)
            ?? throw new InvalidOperationException("the agent just written is not there");
        return (saved, secrets);
    }

    public async Task<bool> DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agents WHERE id = @id", new { id }, transaction,
            cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>A new secret for one function or webhook of an agent; null when there is no such item.</summary>
    public async Task<string?> RotateSecretAsync(long agentId, bool webhook, long itemId, CancellationToken cancellationToken)
    {
        var secret = NewSecret();
        var table = webhook ? "agent_webhooks" : "agent_functions";
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET secret = @secret WHERE id = @itemId AND agent_id = @agentId", new { secret, itemId, agentId },
            cancellationToken: cancellationToken));
        return changed > 0 ? secret : null;
    }

    private static void CheckOwnIds(AgentDraft draft, AgentRecord? existing)
    {
        var errors = new FieldErrors();
        for (var i = 0; i < draft.Functions.Count; i++)
            if (draft.Functions[i].Id is { } fid && existing?.FunctionSecrets.ContainsKey(fid) != true)
                errors.Add(FormattableString.Invariant($"functions[{i}].id"), "is not one of this agent's functions (leave it out for a new one)");
        for (var i = 0; i < draft.Webhooks.Count; i++)
            if (draft.Webhooks[i].Id is { } wid && existing?.WebhookSecrets.ContainsKey(wid) != true)
                errors.Add(FormattableString.Invariant($"webhooks[{i}].id"), "is not one of this agent's webhooks (leave it out for a new one)");
        errors.ThrowIfAny();
    }

    private static async Task<GeneratedSecrets> WriteChildrenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long agentId,
        AgentDraft draft, CancellationToken cancellationToken)
    {
        Task Run(string sql, object? args = null) =>
            connection.ExecuteAsync(new CommandDefinition(sql, args ?? new { agentId }, transaction, cancellationToken: cancellationToken));

        await Run("DELETE FROM agent_contexts WHERE agent_id = @agentId");
        for (var i = 0; i < draft.Contexts.Count; i++)
        {
            var c = draft.Contexts[i];
            await Run("INSERT INTO agent_contexts (agent_id, position, name, greeting, prompt) VALUES (@agentId, @i, @Name, @Greeting, @Prompt)",
                new { agentId, i, c.Name, c.Greeting, c.Prompt });
        }
        await Run("DELETE FROM agent_transfer_targets WHERE agent_id = @agentId");
        for (var i = 0; i < draft.TransferTargets.Count; i++)
        {
            var t = draft.TransferTargets[i];
            await Run(
                """
                INSERT INTO agent_transfer_targets (agent_id, position, name, kind, number, description, warm)
                VALUES (@agentId, @i, @Name, @Kind, @Number, @Description, @Warm)
                """, new { agentId, i, t.Name, t.Kind, t.Number, t.Description, t.Warm });
        }

        // Functions and webhooks keep their row (id, secret) when sent with their id; the rest are deleted or inserted.
        var functionSecrets = new Dictionary<long, string>();
        var keptFunctions = draft.Functions.Where(f => f.Id is not null).Select(f => f.Id!.Value).ToArray();
        await Run("DELETE FROM agent_functions WHERE agent_id = @agentId AND NOT (id = ANY(@keptFunctions))", new { agentId, keptFunctions });
        // Names are unique per agent: park the kept rows on names no request can hold before renaming them in order.
        await Run("UPDATE agent_functions SET name = '#' || id WHERE agent_id = @agentId");
        for (var i = 0; i < draft.Functions.Count; i++)
        {
            var f = draft.Functions[i];
            var args = new { agentId, i, f.Id, f.Name, f.Description, Parameters = f.Parameters.ToJsonString(), f.Url, Secret = NewSecret() };
            if (f.Id is null)
            {
                var newId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO agent_functions (agent_id, position, name, description, parameters, url, secret)
                    VALUES (@agentId, @i, @Name, @Description, CAST(@Parameters AS jsonb), @Url, @Secret) RETURNING id
                    """, args, transaction, cancellationToken: cancellationToken));
                functionSecrets[newId] = args.Secret;
            }
            else
            {
                await Run(
                    """
                    UPDATE agent_functions SET position = @i, name = @Name, description = @Description, parameters = CAST(@Parameters AS jsonb), url = @Url
                    WHERE id = @Id AND agent_id = @agentId
                    """, args);
            }
        }

        var webhookSecrets = new Dictionary<long, string>();
        var keptWebhooks = draft.Webhooks.Where(w => w.Id is not null).Select(w => w.Id!.Value).ToArray();
        await Run("DELETE FROM agent_webhooks WHERE agent_id = @agentId AND NOT (id = ANY(@keptWebhooks))", new { agentId, keptWebhooks });
        for (var i = 0; i < draft.Webhooks.Count; i++)
        {
            var w = draft.Webhooks[i];
            var args = new { agentId, i, w.Id, w.Url, Events = w.Events.ToArray(), Secret = NewSecret() };
            if (w.Id is null)
            {
                var newId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO agent_webhooks (agent_id, position, url, events, secret) VALUES (@agentId, @i, @Url, @Events, @Secret) RETURNING id
                    """, args, transaction, cancellationToken: cancellationToken));
                webhookSecrets[newId] = args.Secret;
            }
            else
            {
                await Run("UPDATE agent_webhooks SET position = @i, url = @Url, events = @Events WHERE id = @Id AND agent_id = @agentId", args);
            }
        }
        return new GeneratedSecrets(functionSecrets, webhookSecrets);
    }

    private static async Task<IReadOnlyList<AgentRecord>> WithChildrenAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        List<AgentRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToArray();
        CommandDefinition Query(string sql) => new(sql, new { ids }, transaction, cancellationToken: cancellationToken);
        var contexts = (await connection.QueryAsync<ContextRow>(Query(
            "SELECT agent_id, name, greeting, prompt FROM agent_contexts WHERE agent_id = ANY(@ids) ORDER BY agent_id, position"))).ToLookup(c => c.AgentId);
        var targets = (await connection.QueryAsync<TargetRow>(Query(
            "SELECT agent_id, name, kind, number, description, warm FROM agent_transfer_targets WHERE agent_id = ANY(@ids) ORDER BY agent_id, position")))
            .ToLookup(t => t.AgentId);
        var functions = (await connection.QueryAsync<FunctionRow>(Query(
            "SELECT id, agent_id, name, description, parameters::text AS parameters, url, secret FROM agent_functions WHERE agent_id = ANY(@ids) ORDER BY agent_id, position")))
            .ToLookup(f => f.AgentId);
        var webhooks = (await connection.QueryAsync<WebhookRow>(Query(
            "SELECT id, agent_id, url, events, secret FROM agent_webhooks WHERE agent_id = ANY(@ids) ORDER BY agent_id, position"))).ToLookup(w => w.AgentId);
        return [.. rows.Select(r => new AgentRecord(r.Id, new AgentDraft
        {
            Name = r.Name, Description = r.Description, LlmProvider = r.LlmProvider, Model = r.Model, Temperature = r.Temperature,
            MaxTokens = r.MaxTokens, SystemPrompt = r.SystemPrompt, Greeting = r.Greeting, TtsEngine = r.TtsEngine, TtsVoice = r.TtsVoice,
            TtsSpeed = r.TtsSpeed, SttEngine = r.SttEngine, SttLanguage = r.SttLanguage, SttModel = r.SttModel, RealtimeProvider = r.RealtimeProvider, Number = r.Number,
            MaxTurns = r.MaxTurns, SilenceTimeoutSeconds = r.SilenceTimeoutSeconds, EndCallPhrases = r.EndCallPhrases,
            Contexts = [.. contexts[r.Id].Select(c => new AgentContext(c.Name, c.Greeting, c.Prompt))],
            Functions = [.. functions[r.Id].Select(f => new FunctionDraft(f.Id, f.Name, f.Description,
                JsonNode.Parse(f.Parameters) as JsonObject ?? [], f.Url))],
            Webhooks = [.. webhooks[r.Id].Select(w => new WebhookDraft(w.Id, w.Url, w.Events))],
            TransferTargets = [.. targets[r.Id].Select(t => new AgentTransferTarget(t.Name, t.Kind, t.Number, t.Description, t.Warm))],
        }, functions[r.Id].ToDictionary(f => f.Id, f => f.Secret), webhooks[r.Id].ToDictionary(w => w.Id, w => w.Secret), r.CreatedAt, r.UpdatedAt))];
    }

    private sealed class AgentRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
        public string LlmProvider { get; init; } = "";
        public string Model { get; init; } = "";
        public double Temperature { get; init; }
        public int MaxTokens { get; init; }
        public string SystemPrompt { get; init; } = "";
        public string Greeting { get; init; } = "";
        public string TtsEngine { get; init; } = "";
        public string TtsVoice { get; init; } = "";
        public double TtsSpeed { get; init; }
        public string SttEngine { get; init; } = "";
        public string SttLanguage { get; init; } = "";
        public string SttModel { get; init; } = "";
        public string? RealtimeProvider { get; init; }
        public string? Number { get; init; }
        public int MaxTurns { get; init; }
        public int SilenceTimeoutSeconds { get; init; }
        public string[] EndCallPhrases { get; init; } = [];
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }

    private sealed class ContextRow
    {
        public long AgentId { get; init; }
        public string Name { get; init; } = "";
        public string Greeting { get; init; } = "";
        public string Prompt { get; init; } = "";
    }

    private sealed class TargetRow
    {
        public long AgentId { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Number { get; init; } = "";
        public string Description { get; init; } = "";
        public bool Warm { get; init; }
    }

    private sealed class FunctionRow
    {
        public long Id { get; init; }
        public long AgentId { get; init; }
        public string Name { get; init; } = "";
        public string Description { get; init; } = "";
        public string Parameters { get; init; } = "{}";
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
    }

    private sealed class WebhookRow
    {
        public long Id { get; init; }
        public long AgentId { get; init; }
        public string Url { get; init; } = "";
        public string[] Events { get; init; } = [];
        public string Secret { get; init; } = "";
    }
}
