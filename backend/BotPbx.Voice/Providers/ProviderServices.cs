namespace BotPbx.Voice.Providers;

/// <summary>
/// What provider clients share. <see cref="Http"/> is one long-lived client (connection pooling; vendor clients set
/// their own headers per request). Local engines are found at the paths below (Debian's packages).
/// </summary>
public sealed class ProviderServices
{
    public HttpClient Http { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Debian's <c>flite</c> (package flite).</summary>
    public string FlitePath { get; init; } = "/usr/bin/flite";

    /// <summary>Debian 12's <c>pocketsphinx_continuous</c> (package pocketsphinx, model in pocketsphinx-en-us).</summary>
    public string PocketsphinxPath { get; init; } = "/usr/bin/pocketsphinx_continuous";

    /// <summary>
    /// Where an agent's local speech models live (pocketsphinx grammars, language models): an agent's STT model
    /// <c>grammars/front-desk.gram</c> is read from here. The API sets BOTPBX_DATA_DIR/speech.
    /// </summary>
    public string SpeechModelsDirectory { get; init; } = "/var/lib/botpbx/speech";

    /// <summary>Where engines may write scratch files (a grammar given inline).</summary>
    public string TempDirectory { get; init; } = Path.GetTempPath();
}
