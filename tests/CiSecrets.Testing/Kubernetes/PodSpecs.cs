using System.Text.Json.Nodes;

namespace CiSecrets.Testing.Kubernetes;

/// <summary>Pod specs that read Secrets each way Kubernetes allows.</summary>
public static class PodSpecs
{
    public static JsonObject EnvKey(string secret, string key) => Containers("containers", new JsonObject
    {
        ["name"] = "app",
        ["image"] = "app:1",
        ["env"] = new JsonArray(new JsonObject { ["name"] = key, ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = secret, ["key"] = key } } }),
    });

    public static JsonObject EnvFrom(string secret) => Containers("containers", new JsonObject
    {
        ["name"] = "app",
        ["image"] = "app:1",
        ["envFrom"] = new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = secret } }),
    });

    public static JsonObject InitContainerEnvFrom(string secret)
    {
        var spec = Containers("containers", new JsonObject { ["name"] = "app", ["image"] = "app:1" });
        spec["initContainers"] = new JsonArray(new JsonObject
        {
            ["name"] = "migrate",
            ["image"] = "migrate:1",
            ["envFrom"] = new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = secret } }),
        });
        return spec;
    }

    public static JsonObject SecretVolume(string secret)
    {
        var spec = Containers("containers", new JsonObject { ["name"] = "app", ["image"] = "app:1" });
        spec["volumes"] = new JsonArray(new JsonObject { ["name"] = "creds", ["secret"] = new JsonObject { ["secretName"] = secret } });
        return spec;
    }

    public static JsonObject ProjectedVolume(string secret)
    {
        var spec = Containers("containers", new JsonObject { ["name"] = "app", ["image"] = "app:1" });
        spec["volumes"] = new JsonArray(new JsonObject
        {
            ["name"] = "all",
            ["projected"] = new JsonObject { ["sources"] = new JsonArray(new JsonObject { ["secret"] = new JsonObject { ["name"] = secret } }) },
        });
        return spec;
    }

    public static JsonObject NoSecrets() => Containers("containers", new JsonObject { ["name"] = "app", ["image"] = "app:1" });

    private static JsonObject Containers(string field, JsonObject container) => new() { [field] = new JsonArray(container) };
}
