using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Plaintext values in a Kubernetes <c>Secret</c> manifest (<c>data</c> is only base64, not
/// encryption): such manifests belong in the SOPS bundle, encrypted.
/// </summary>
internal static partial class KubernetesSecretYaml
{
    public static Rule Rule { get; } = new()
    {
        Id = "kubernetes-secret-yaml",
        Description = "Plaintext value in a Kubernetes Secret manifest",
        Locator = new KubernetesSecretLocator(),
        PathPattern = YamlPath(),
        TruePositives =
        [
            new("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  username: YWRtaW4=\n  password: " + Convert.ToBase64String("s3cr3t-db"u8) + "\n", "k8s/db-secret.yaml"),
            new("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: \"Secret\"\nmetadata:\n  name: api\nstringData:\n  " + Sample.Join("API_TO", "KEN: ", Sample.Token("", 32, Sample.AlphaNumeric)) + "\n  config.yaml: |\n    " + Sample.Join("pass", "word: hunter2hunter2") + "\n", "deploy/all.yml"),
        ],
        FalsePositives =
        [
            new("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\n  token: \"\"\nsops:\n  version: 3.8.1\n", "db.enc.yaml"),
            new("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: {{ .Values.db.password | b64enc }}\n", "chart/templates/secret.yaml"),
            new("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  LOG_LEVEL: debug\n  SECRET_NAME: db-creds\n", "cm.yaml"),
            new("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - env:\n            - name: DB\n              valueFrom:\n                secretKeyRef:\n                  name: db\n                  key: password\n", "deploy.yaml"),
        ],
    };

    [GeneratedRegex(@"(?i)\.ya?ml$")]
    private static partial Regex YamlPath();
}
