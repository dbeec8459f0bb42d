using System.Text.Json;
using BotPbx.Api.Configuration;
using BotPbx.Api.Features.Audit;
using BotPbx.Api.Features.Users;
using BotPbx.Api.Problems;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BotPbx.Api.Features.Auth;

/// <summary>
/// Creates the first administrator when the users table is empty: e-mail from BOTPBX_ADMIN_EMAIL, password from
/// BOTPBX_ADMIN_PASSWORD or, when that is not set, a random one printed once to the log. There is no built-in
/// default password. Runs under an advisory lock so two processes starting together create one admin.
/// </summary>
public sealed partial class AdminBootstrapper(
    NpgsqlDataSource dataSource, IOptions<AdminBootstrapOptions> options, UserPasswordHasher hasher, ILogger<AdminBootstrapper> logger)
{
    /// <summary>"BotPbxAd".</summary>
    private const long AdvisoryLockKey = 0x426F7450_62784164;

    public async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey },
            transaction, cancellationToken: cancellationToken));
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM users)",
                transaction: transaction, cancellationToken: cancellationToken)))
        {
            return;
        }

        if (!EmailAddress.IsValid(configured.Email))
        {
            throw new AdminBootstrapException("BOTPBX_ADMIN_EMAIL is not a valid e-mail address.");
        }
        var email = UserStore.NormaliseEmail(configured.Email);
        var generated = string.IsNullOrEmpty(configured.Password);
        var password = generated ? Passwords.Generate() : configured.Password!;
        var errors = new FieldErrors();
        if (!Passwords.Validate(errors, "BOTPBX_ADMIN_PASSWORD", password))
        {
            throw new AdminBootstrapException($"BOTPBX_ADMIN_PASSWORD {errors.ToDictionary()["BOTPBX_ADMIN_PASSWORD"][0]}.");
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO users (email, name, role, password_hash) VALUES (@email, 'Administrator', @role, @hash) RETURNING id",
            new { email, role = Roles.Admin, hash = hasher.Hash(password) }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (actor_id, actor_email, action, target, details)
            VALUES (NULL, 'system', @action, @target, CAST(@details AS jsonb))
            """,
            new
            {
                action = AuditActions.UserCreated,
                target = email,
                details = JsonSerializer.Serialize(new
                {
                    id,
                    role = Roles.Admin,
                    firstAdmin = true,
                    passwordSource = generated ? "generated" : "BOTPBX_ADMIN_PASSWORD",
                }),
            },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        if (generated)
        {
            PrintGeneratedPassword(email, password);
        }
        else
        {
            LogCreatedWithConfiguredPassword(email);
        }
    }

    /// <summary>The only place a generated admin password is ever written: once, in a box, at first start.</summary>
    private void PrintGeneratedPassword(string email, string password)
    {
        const int width = 64;
        string Line(string text) => "║ " + text.PadRight(width - 4) + " ║";
        LogBox("╔" + new string('═', width - 2) + "╗");
        LogBox(Line("BotPBX: first administrator created"));
        LogBox(Line(""));
        LogBox(Line("e-mail:   " + email));
        LogBox(Line("password: " + password));
        LogBox(Line(""));
        LogBox(Line("This password is shown only this once. Sign in and change it."));
        LogBox("╚" + new string('═', width - 2) + "╝");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Line}")]
    private partial void LogBox(string line);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Created the first administrator {Email} with the password from BOTPBX_ADMIN_PASSWORD")]
    private partial void LogCreatedWithConfiguredPassword(string email);
}
