using System.CommandLine;

namespace CiSecrets.Cli.Commands;

/// <summary><c>cisecrets k8s apply|verify</c>: write the bundle's Secrets to a cluster and check what it holds.</summary>
internal static class KubernetesCommand
{
    public static Command Create(IEnvironment environment, CliConsole console) =>
        new("k8s", "Apply SOPS-encrypted Secrets to Kubernetes and verify the cluster.")
        {
            KubernetesApplyCommand.Create(environment, console),
            KubernetesVerifyCommand.Create(environment, console),
        };
}
