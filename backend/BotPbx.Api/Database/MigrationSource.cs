using System.Reflection;

namespace BotPbx.Api.Database;

/// <summary>An assembly that embeds <c>Migrations/NNNN_name.sql</c> files; register one per feature project.</summary>
public sealed record MigrationSource(Assembly Assembly);
