using System.Text;

namespace CiSecrets.Testing.Kubernetes;

/// <summary>Kubeconfig files with several contexts, each its own cluster, user (a throwaway token named after the context) and namespace.</summary>
public static class Kubeconfigs
{
    /// <summary>Writes the file; <paramref name="current"/> is its <c>current-context</c>.</summary>
    public static string Write(string path, string current, params (string Context, Uri Server, string Namespace)[] contexts)
    {
        var clusters = new StringBuilder();
        var entries = new StringBuilder();
        var users = new StringBuilder();
        foreach (var (context, server, ns) in contexts)
        {
            clusters.Append($"- name: {context}\n  cluster:\n    server: {server.ToString().TrimEnd('/')}\n");
            entries.Append($"- name: {context}\n  context:\n    cluster: {context}\n    user: {context}\n    namespace: {ns}\n");
            users.Append($"- name: {context}\n  user:\n    token: {context}-{Guid.NewGuid():N}\n");
        }

        File.WriteAllText(path, $"apiVersion: v1\nkind: Config\nclusters:\n{clusters}contexts:\n{entries}current-context: {current}\nusers:\n{users}");
        return path;
    }
}
