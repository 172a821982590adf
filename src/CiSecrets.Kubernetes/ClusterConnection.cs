using k8s;
using k8s.Exceptions;

namespace CiSecrets.Kubernetes;

/// <summary>A client for the cluster and the namespace commands work in.</summary>
public sealed class ClusterConnection(IKubernetes client, string defaultNamespace) : IDisposable
{
    /// <summary>The bound on one API call, when one was set (for messages: a hung server is named as a timeout).</summary>
    public TimeSpan? RequestTimeout { get; init; }

    public IKubernetes Client { get; } = client;

    /// <summary>The namespace for objects that do not name one.</summary>
    public string Namespace { get; } = defaultNamespace;

    /// <summary>
    /// Connects the way kubectl chooses a configuration: the explicit file, <c>KUBECONFIG</c> (first
    /// entry), <c>~/.kube/config</c>, and inside a pod the service account.
    /// </summary>
    public static ClusterConnection Open(ClusterOptions options, IEnvironment environment)
    {
        var kubeconfig = options.Kubeconfig is not null
            ? Path.GetFullPath(options.Kubeconfig, environment.CurrentDirectory)
            : DefaultKubeconfig(environment);

        KubernetesClientConfiguration configuration;
        if (kubeconfig is not null && (options.Kubeconfig is not null || File.Exists(kubeconfig)))
        {
            if (!File.Exists(kubeconfig))
            {
                throw new InputException(kubeconfig, "kubeconfig file not found");
            }

            try
            {
                configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, options.Context);
            }
            catch (KubeConfigException e)
            {
                throw new InputException(kubeconfig, e.Message.ReplaceLineEndings(" "));
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or ArgumentException or InvalidOperationException)
            {
                throw new InputException(kubeconfig, "not a valid kubeconfig file");
            }
        }
        else if (InClusterConfiguration.IsInCluster(environment, options.ServiceAccountDirectory))
        {
            configuration = InClusterConfiguration.Build(environment, options.ServiceAccountDirectory);
        }
        else
        {
            throw new InputException("kubeconfig", "no kubeconfig (--kubeconfig, KUBECONFIG or ~/.kube/config) and not running in a cluster");
        }

        var ns = options.Namespace ?? configuration.Namespace ?? "default";
        if (options.RequestTimeout is { } timeout)
        {
            // HttpClient.Timeout: without it a hung API server costs the client's default 100 s per call.
            configuration.HttpClientTimeout = timeout;
        }

        return new ClusterConnection(new k8s.Kubernetes(configuration), ns) { RequestTimeout = options.RequestTimeout };
    }

    private static string? DefaultKubeconfig(IEnvironment environment)
    {
        if (environment.GetVariable("KUBECONFIG") is { Length: > 0 } list)
        {
            return Path.GetFullPath(list.Split(Path.PathSeparator)[0], environment.CurrentDirectory);
        }

        var home = environment.GetVariable("HOME") ?? environment.GetVariable("USERPROFILE");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".kube", "config");
    }

    public void Dispose() => Client.Dispose();
}
