namespace BotPbx.Voice.Tests.Providers.Realtime;

/// <summary>Server events as the Realtime API (GA) sends them, with the documented fields.</summary>
internal static class RealtimeEvents
{
    public const string SessionCreated = """{"type":"session.created","event_id":"event_C9G5RJeJ2gF77mV7f2B1j","session":{"type":"realtime","object":"realtime.session","id":"sess_C9G5QPteg4UIbotdKLoYQ","model":"gpt-realtime-2025-08-28","output_modalities":["audio"],"instructions":"","tools":[],"tool_choice":"auto","max_output_tokens":"inf","tracing":null,"prompt":null,"expires_at":1756324625,"audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":null,"noise_reduction":null,"turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":200,"idle_timeout_ms":null,"create_response":true,"interrupt_response":true}},"output":{"format":{"type":"audio/pcm","rate":24000},"voice":"marin","speed":1}},"include":null}}""";

    public static string SpeechStarted(int ms) => $$"""{"type":"input_audio_buffer.speech_started","event_id":"event_B1lE7RiB7YpN2UhxhMg3p","audio_start_ms":{{ms}},"item_id":"item_B1lE6rr1U8WLgzJwXJpmW"}""";

    public static string SpeechStopped(int ms) => $$"""{"type":"input_audio_buffer.speech_stopped","event_id":"event_B1lE8nCjxcHDJm5GKH8Ws","audio_end_ms":{{ms}},"item_id":"item_B1lE6rr1U8WLgzJwXJpmW"}""";

    public static string InputTranscript(string text) => $$$"""{"type":"conversation.item.input_audio_transcription.completed","event_id":"event_CCXGRvtUVrax5SJAnNOWZ","item_id":"item_CCXGQ4e1ht4cOraEYcuR2","content_index":0,"transcript":"{{{text}}}","usage":{"type":"tokens","total_tokens":22,"input_tokens":13,"input_token_details":{"text_tokens":0,"audio_tokens":13},"output_tokens":9}}""";

    public static string AudioDelta(string itemId, byte[] pcm, string type = "response.output_audio.delta") => $$"""{"type":"{{type}}","event_id":"event_C9G8pjSJCfRNEhMEnYAVy","response_id":"resp_C9G8p7IH2WxLbkgPNouYL","item_id":"{{itemId}}","output_index":0,"content_index":0,"delta":"{{Convert.ToBase64String(pcm)}}"}""";

    public static string OutputTranscriptDone(string itemId, string text) => $$"""{"type":"response.output_audio_transcript.done","event_id":"event_CCXHxOspF7u9kTTaoPLsc","response_id":"resp_CCXHwOCnDVjYtRM5LnKsk","item_id":"{{itemId}}","output_index":0,"content_index":0,"transcript":"{{text}}"}""";

    public static string FunctionCallDone(string callId, string name, string arguments) => $$"""{"type":"response.function_call_arguments.done","event_id":"event_Ad2gt864G595umbCs2aF9","response_id":"resp_Ad2griUWUjsyeLyAVtTtt","item_id":"fc_Ad2gri3LZm2ZPbYJ4gMYR","output_index":1,"call_id":"{{callId}}","name":"{{name}}","arguments":{{System.Text.Json.JsonSerializer.Serialize(arguments)}}}""";

    public const string ResponseDone = """{"type":"response.done","event_id":"event_CCXHxR8pYAVIOpgBdQk1X","response":{"object":"realtime.response","id":"resp_CCXHwOCnDVjYtRM5LnKsk","status":"completed","status_details":null,"output":[],"conversation_id":"conv_CCXHsurMKcaVxIZvaCI5m","output_modalities":["audio"],"max_output_tokens":"inf","audio":{"output":{"format":{"type":"audio/pcm","rate":24000},"voice":"alloy"}},"usage":{"total_tokens":253,"input_tokens":132,"output_tokens":121,"input_token_details":{"text_tokens":119,"audio_tokens":13,"image_tokens":0,"cached_tokens":64},"output_token_details":{"text_tokens":30,"audio_tokens":91}},"metadata":null}}""";

    public const string Error = """{"type":"error","event_id":"event_890","error":{"type":"invalid_request_error","code":"invalid_event","message":"The 'type' field is missing.","param":null,"event_id":"event_567"}}""";
}
