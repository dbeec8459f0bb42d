using System.Net;

namespace BotPbx.Voice.Providers;

/// <summary>What went wrong with a provider, so the call pipeline can pick a reaction without parsing messages.</summary>
public enum ProviderFailure
{
    /// <summary>The key was refused (401/403): retrying is pointless until someone fixes the settings.</summary>
    Unauthorized,

    /// <summary>Too many requests (429): <see cref="ProviderException.RetryAfter"/> says when to try again, if the vendor said.</summary>
    RateLimited,

    /// <summary>The vendor answered with another error status, or closed the stream before its end.</summary>
    Unavailable,

    /// <summary>The vendor sent something that is not its documented wire format (malformed JSON, a missing field).</summary>
    Protocol,
}

/// <summary>
/// One exception type for every vendor client. The message names the provider and never holds the API key (messages
/// end up in logs and in the conversation record); vendor error text is redacted of the key before it is quoted.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(string provider, ProviderFailure failure, string message, Exception? inner = null,
        HttpStatusCode? statusCode = null, TimeSpan? retryAfter = null)
        : base($"{provider}: {message}", inner)
    {
        Provider = provider;
        Failure = failure;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public string Provider { get; }

    public ProviderFailure Failure { get; }

    public HttpStatusCode? StatusCode { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether trying the same request again later may succeed.</summary>
    public bool IsTransient => Failure is ProviderFailure.RateLimited or ProviderFailure.Unavailable;
}
