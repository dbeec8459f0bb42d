using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace BotPbx.Asterisk.Ari;

/// <summary>The TLS server-certificate rule shared by REST (HttpClient) and the event socket (ClientWebSocket).
/// Default: the platform's normal validation. Opt-in: trust one pinned certificate, or (lab only) anything.</summary>
internal static class AriCertificatePolicy
{
    public static RemoteCertificateValidationCallback? Create(AriOptions options)
    {
        if (options.DangerouslySkipCertificateValidation)
        {
#pragma warning disable CA5359 // Accepting any certificate is the explicit, off-by-default lab option this property documents.
            return static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        if (options.TrustedCertificate is not { } trusted)
            return null;
        var pinned = trusted.RawData;
        return (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
                return true;
            // Pinning replaces only the chain check (a self-signed certificate has no trusted root); the host name
            // must still match and the certificate must be exactly the pinned one.
            return errors == SslPolicyErrors.RemoteCertificateChainErrors
                && certificate is not null
                && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned);
        };
    }
}
