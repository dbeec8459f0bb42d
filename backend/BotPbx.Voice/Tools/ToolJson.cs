using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BotPbx.Voice.Tools;

/// <summary>Tool results as the model reads them: plain JSON, apostrophes and accents unescaped (it is never HTML).</summary>
internal static class ToolJson
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Error(string message) => new JsonObject { ["error"] = message }.ToJsonString(Readable);
}
