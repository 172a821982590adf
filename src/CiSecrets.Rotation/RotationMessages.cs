using System.Globalization;
using System.Text;
using CiSecrets.Inventory;
using CiSecrets.Rotation.Git;

namespace CiSecrets.Rotation;

/// <summary>
/// The commit message and pull request text of a rotation. They name secrets, bundles, consumers
/// and steps; they are built only from the inventory, so no value can reach them.
/// </summary>
public static class RotationMessages
{
    /// <summary>The trailer listing the names a commit rotated; the pull request body lists the union over its branch.</summary>
    public const string RotatedTrailer = "CiSecrets-Rotated:";

    /// <summary>A marker in the body so people (and tools) can tell a rotation pull request.</summary>
    public const string BodyMarker = "<!-- cisecrets-rotation -->";

    public static string Title(IReadOnlyList<string> names) =>
        Shorten($"Rotate secrets: {string.Join(", ", names)}", $"Rotate {names.Count} secrets");

    public static string CommitMessage(IReadOnlyList<ManagedSecret> rotated, DateTimeOffset now)
    {
        var names = rotated.Select(s => s.Name).ToList();
        var bundles = rotated.Select(s => s.Bundle).Distinct(StringComparer.Ordinal).ToList();
        return new StringBuilder()
            .Append(Title(names)).Append("\n\n")
            .Append(CultureInfo.InvariantCulture, $"New values for {names.Count} {(names.Count == 1 ? "secret" : "secrets")} in {string.Join(", ", bundles)}, ")
            .Append(CultureInfo.InvariantCulture, $"rotation times in {RotationLog.FileName}.\n")
            .Append("The values are only in the encrypted bundle.\n\n")
            .Append(CultureInfo.InvariantCulture, $"{RotationCommits.Trailer} {now.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}\n")
            .Append(CultureInfo.InvariantCulture, $"{RotatedTrailer} {string.Join(", ", names)}\n")
            .ToString();
    }

    /// <summary>The names a commit message's <see cref="RotatedTrailer"/> lists.</summary>
    public static IEnumerable<string> RotatedNames(string message) =>
        message.Split('\n')
            .Where(line => line.StartsWith(RotatedTrailer, StringComparison.Ordinal))
            .SelectMany(line => line[RotatedTrailer.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    public static string PullRequestBody(IReadOnlyList<ManagedSecret> rotated, string defaultBranch)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"Scheduled secret rotation by `cisecrets rotate`: new values for {rotated.Count} {(rotated.Count == 1 ? "secret" : "secrets")}, ")
            .Append("generated with a CSPRNG and written into the SOPS bundle (re-encrypted with the same data key). ")
            .Append("The values appear only in the encrypted bundle, never here.\n\n");

        body.Append("| secret | kind | bundle | Kubernetes Secret | consumed by |\n|---|---|---|---|---|\n");
        foreach (var secret in rotated)
        {
            var target = secret.Kubernetes is { } k ? $"`{(k.Namespace is null ? "" : k.Namespace + "/")}{k.Secret}` key `{k.Key}`" : "—";
            var consumers = secret.Consumers.Count > 0 ? string.Join(", ", secret.Consumers) : "—";
            body.Append(CultureInfo.InvariantCulture, $"| `{secret.Name}` | {secret.Kind.Name()} | `{secret.Bundle}` | {target} | {consumers} |\n");
        }

        var consumersToRestart = rotated.SelectMany(s => s.Consumers).Distinct(StringComparer.Ordinal).ToList();
        var databases = rotated.Where(s => s.Database is not null).ToList();
        body.Append("\n### After merge\n\n");
        var step = 1;
        if (databases.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"{step++}. Change the database passwords first (the old password keeps working until then). ")
                .Append("Read each new value from the merged bundle with `sops -d` on a trusted machine and run, without pasting it anywhere else:\n");
            foreach (var secret in databases)
            {
                body.Append(CultureInfo.InvariantCulture, $"   - `{secret.Name}` ({secret.Database!.Engine}): `{AlterUser(secret.Database)}`\n");
            }
        }

        body.Append(CultureInfo.InvariantCulture, $"{step++}. Apply the bundle to the cluster from `{defaultBranch}`: `cisecrets k8s apply`.\n");
        body.Append(CultureInfo.InvariantCulture, $"{step++}. Restart what consumes the rotated secrets: {(consumersToRestart.Count > 0 ? string.Join(", ", consumersToRestart.Select(c => $"`{c}`")) : "nothing is listed as a consumer")} ")
            .Append("(`cisecrets k8s apply` restarts the workloads that read the changed Secrets).\n");
        body.Append(CultureInfo.InvariantCulture, $"{step}. Revoke or expire the old values where the issuer keeps them (API keys, tokens).\n\n");

        body.Append("### Checklist\n\n")
            .Append("- [ ] Only the listed values changed in the bundle (`sops -d` before and after)\n");
        if (databases.Count > 0)
        {
            body.Append("- [ ] Database passwords changed with `ALTER USER`\n");
        }

        body.Append("- [ ] Bundle applied to the cluster\n")
            .Append("- [ ] Consumers restarted and healthy\n")
            .Append("- [ ] Old values revoked where applicable\n\n")
            .Append(BodyMarker).Append('\n');
        return body.ToString();
    }

    /// <summary>The statement for the engine, with a placeholder where the value goes.</summary>
    internal static string AlterUser(DatabaseAccount account) => account.Engine.ToLowerInvariant() switch
    {
        "postgres" or "postgresql" => $"ALTER USER \"{account.User}\" WITH PASSWORD '<new value>';",
        "mysql" or "mariadb" => $"ALTER USER '{account.User}'@'%' IDENTIFIED BY '<new value>';",
        "mssql" or "sqlserver" => $"ALTER LOGIN [{account.User}] WITH PASSWORD = '<new value>';",
        "redis" => $"ACL SETUSER {account.User} resetpass ><new value>",
        _ => $"change the password of user {account.User} to the new value",
    };

    private static string Shorten(string text, string fallback) => text.Length <= 72 ? text : fallback;
}
