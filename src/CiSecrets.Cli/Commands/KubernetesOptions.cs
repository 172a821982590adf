using System.CommandLine;
using CiSecrets.Inventory;
using CiSecrets.Kubernetes;

namespace CiSecrets.Cli.Commands;

/// <summary>The options <c>k8s apply</c> and <c>k8s verify</c> share: the bundle, the inventory and how to reach the cluster.</summary>
internal sealed class KubernetesOptions
{
    public Argument<string?> Bundle { get; } = new("bundle")
    {
        Description = "SOPS bundle of Kubernetes Secret manifests (default: the Secrets .cisecrets.yaml maps).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "Namespace for Secrets that name none (default: the context's, else 'default')." };
    public Option<string?> Context { get; } = new("--context") { Description = "kubeconfig context (default: the current context)." };
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "kubeconfig file (default: KUBECONFIG, ~/.kube/config, else the in-cluster service account)." };
    public Option<string?> Config { get; } = CommonOptions.Config();

    public void AddTo(Command command)
    {
        command.Add(Bundle);
        command.Add(Namespace);
        command.Add(Context);
        command.Add(Kubeconfig);
        command.Add(Config);
    }

    public ClusterOptions Cluster(ParseResult parsed) => new()
    {
        Kubeconfig = parsed.GetValue(Kubeconfig),
        Context = parsed.GetValue(Context),
        Namespace = parsed.GetValue(Namespace),
    };

    /// <summary>The inventory named by <c>--config</c>, else <c>.cisecrets.yaml</c> in the current folder, else none.</summary>
    public SecretsInventory? Inventory(ParseResult parsed, IEnvironment environment) =>
        parsed.GetValue(Config) is { } config
            ? SecretsInventory.Load(Path.GetFullPath(config, environment.CurrentDirectory))
            : SecretsInventory.Find(environment.CurrentDirectory);

    public string? BundlePath(ParseResult parsed, IEnvironment environment) =>
        parsed.GetValue(Bundle) is { } bundle ? Path.GetFullPath(bundle, environment.CurrentDirectory) : null;
}
