using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BotPbx.Voice.Providers;

internal static class JsonBody
{
    public static StringContent Of(JsonNode node)
    {
        var content = new StringContent(node.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
