using System.Text;
using CiSecrets.Inventory;
using CiSecrets.Rotation.Generation;
using CiSecrets.Sops;
using CiSecrets.Sops.Age;

namespace CiSecrets.Rotation;

/// <summary>
/// Puts new values into bundles through the SOPS library's in-place edit: the data key stays, each
/// new value gets a fresh IV, the MAC and <c>lastmodified</c> are recomputed and every other byte of
/// the file is kept. A Kubernetes Secret manifest's <c>data</c> entry is written base64-encoded, a
/// <c>stringData</c> entry as is. The new values live only inside this call and the encrypted text.
/// </summary>
internal static class BundleRewriter
{
    /// <summary>The new text of each bundle (relative path → encrypted text) for the given secrets.</summary>
    public static IReadOnlyDictionary<string, string> Rewrite(
        string bundleRoot, BundleValues values, IReadOnlyList<ManagedSecret> secrets, IReadOnlyList<AgeIdentity> identities, DateTimeOffset now)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in secrets.GroupBy(s => s.Bundle, StringComparer.Ordinal))
        {
            var file = SopsFile.Load(Path.Combine(bundleRoot, group.Key));
            var decrypted = file.Decrypt(identities);
            var changes = new List<SopsValueChange>();
            foreach (var secret in group)
            {
                var current = values.For(secret.Name) ?? throw new InputException(group.Key, $"{secret.Name}: not read from the bundle");
                if (current.Location is not { } location || current.Value is null)
                {
                    throw new InputException(group.Key, current.Problem ?? $"{secret.Name}: no value in the bundle");
                }

                var value = SecretValueGenerator.Generate(secret.Generator, current.Value);
                var stored = IsManifestData(secret, location) ? Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) : value;
                changes.Add(new SopsValueChange(location.Document, location.Path, SopsScalar.Of(stored)));
            }

            texts[group.Key] = file.SetValues(decrypted, changes, now);
        }

        return texts;
    }

    /// <summary>A Kubernetes Secret's <c>data</c> holds base64 (https://kubernetes.io/docs/concepts/configuration/secret/#restriction-names-data).</summary>
    private static bool IsManifestData(ManagedSecret secret, BundleLocation location) =>
        secret.Path is null && secret.Kubernetes is not null && location.Path.Segments is ["data", string];
}
