using k8s;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s.Authentication;

namespace CiSecrets.Kubernetes;

/// <summary>
/// The service account a pod runs as, read the way KubernetesClient's <c>InClusterConfig</c> does
/// (<c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>, then <c>token</c>, <c>ca.crt</c> and <c>namespace</c>
/// in the service-account folder) but from an <see cref="IEnvironment"/> and a folder given by the
/// caller, so that tests need neither the process environment nor <c>/var/run/secrets</c>.
/// https://github.com/kubernetes-client/csharp/blob/master/src/KubernetesClient/KubernetesClientConfiguration.InCluster.cs
/// </summary>
public static class InClusterConfiguration
{
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Whether this looks like a pod: the service variables are set and the token file exists.</summary>
    public static bool IsInCluster(IEnvironment environment, string serviceAccountDirectory) =>
        !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_PORT"))
        && File.Exists(Path.Combine(serviceAccountDirectory, "token"));

    /// <summary>
    /// The configuration: the API server at the service address over HTTPS, trusted through
    /// <c>ca.crt</c>, authenticated with the token (re-read as kubelet rotates it).
    /// </summary>
    public static KubernetesClientConfiguration Build(IEnvironment environment, string serviceAccountDirectory)
    {
        var host = environment.GetVariable("KUBERNETES_SERVICE_HOST")!;
        var port = environment.GetVariable("KUBERNETES_SERVICE_PORT")!;
        var ca = Path.Combine(serviceAccountDirectory, "ca.crt");
        if (!File.Exists(ca))
        {
            throw new InputException(ca, "the service account has a token but no CA certificate");
        }

        if (!int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535)
        {
            throw new InputException("KUBERNETES_SERVICE_PORT", "not a port number");
        }

        var namespaceFile = Path.Combine(serviceAccountDirectory, "namespace");
        return new KubernetesClientConfiguration
        {
            Host = new UriBuilder(Uri.UriSchemeHttps, host, portNumber).Uri.ToString(),
            SslCaCerts = Authorities(ca),
            TokenProvider = new TokenFileAuth(Path.Combine(serviceAccountDirectory, "token")),
            Namespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : null,
        };
    }

    private static X509Certificate2Collection Authorities(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (CryptographicException)
        {
            throw new InputException(path, "not a PEM certificate");
        }

        return certificates.Count > 0 ? certificates : throw new InputException(path, "holds no certificate");
    }
}
