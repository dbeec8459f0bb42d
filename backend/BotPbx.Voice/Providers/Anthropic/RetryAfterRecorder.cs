namespace BotPbx.Voice.Providers.Anthropic;

/// <summary>
/// The SDK's exceptions carry the status and body but not the headers, so a 429's Retry-After would be lost. This
/// handler notes it for the request that the current <see cref="Slot"/> belongs to (set just before the SDK call, in
/// the same async flow).
/// </summary>
internal sealed class RetryAfterRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly AsyncLocal<Box?> Slot = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && Slot.Value is { } box) box.RetryAfter = VendorHttp.RetryAfter(response);
        return response;
    }

    internal sealed class Box
    {
        public TimeSpan? RetryAfter { get; set; }
    }
}
