using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RabbitMQ.Client;

namespace ActorVm.Host.Cluster;

/// <summary>
/// TLS to the brokers of amqps:// URIs: the broker's certificate must name its host and chain to the
/// CA in cluster:tlsCaFile (PEM) when one is given, else to the machine's trusted roots.
/// </summary>
public static class BrokerTls
{
    public static SslOption For(Uri uri, string? caFile)
    {
        var option = new SslOption { Enabled = true, ServerName = uri.Host };
        if (string.IsNullOrEmpty(caFile)) return option;
        if (!File.Exists(caFile)) throw new UriFormatException($"cluster:tlsCaFile {caFile} does not exist");
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        option.CertificateValidationCallback = (_, certificate, _, errors) => Trusted(ca, certificate, errors);
        return option;
    }

    private static bool Trusted(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        // A wrong name or a missing certificate fails whatever the CA; only the chain is judged anew.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }
}
