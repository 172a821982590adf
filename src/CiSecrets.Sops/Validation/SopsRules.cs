namespace CiSecrets.Sops;

/// <summary>The rules <see cref="SopsValidator"/> reports, by stable id (the SARIF ruleId).</summary>
public static class SopsRules
{
    public static RuleDescriptor NotEncrypted { get; } = new("sops/not-encrypted",
        "A file that a .sops.yaml creation rule (or its name) says is encrypted has no sops metadata")
    { Help = "Encrypt it with `sops encrypt -i FILE` (or `cisecrets sops encrypt`) before committing." };

    public static RuleDescriptor ValueNotEncrypted { get; } = new("sops/value-not-encrypted",
        "A value that the file's encryption rules say is encrypted is in clear text (half-encrypted file)")
    { Help = "Re-encrypt the value (`sops set`) or the file; a clear value in an encrypted file is readable by anyone with the repository." };

    public static RuleDescriptor MacMismatch { get; } = new("sops/mac-mismatch",
        "The file's integrity check failed: its MAC or a value's authentication tag does not verify")
    { Help = "The file was edited outside sops, or tampered with. Restore it from history or re-encrypt it from a trusted plaintext." };

    public static RuleDescriptor MacUnverified { get; } = new("sops/mac-unverified",
        "The file's MAC could not be verified (no identity opens it)", Severity.Warning)
    { Help = "Provide an age identity (SOPS_AGE_KEY or SOPS_AGE_KEY_FILE) so the MAC can be checked." };

    public static RuleDescriptor StaleRecipients { get; } = new("sops/stale-recipients",
        "The file's master keys differ from those of its .sops.yaml creation rule")
    { Help = "Run `sops updatekeys FILE` (or `cisecrets sops updatekeys`) to re-wrap the data key for the configured recipients." };

    public static RuleDescriptor PlaintextSecretManifest { get; } = new("sops/plaintext-secret-manifest",
        "A secrets file (a Kubernetes Secret, .env, *.secret, *.key, secrets.*) is committed unencrypted and no creation rule covers it")
    { Help = "Encrypt it with sops and add a creation rule for it, or remove it from the repository (and rotate what it held)." };

    public static RuleDescriptor Gitignore { get; } = new("sops/gitignore",
        "The repository's .gitignore does not ignore .env, *.secret and *.key files", Severity.Warning)
    { Help = "Add `.env`, `*.secret` and `*.key` to .gitignore so plaintext secrets are not committed by accident." };

    public static RuleDescriptor MetadataIncomplete { get; } = new("sops/metadata-incomplete",
        "The file's sops metadata is incomplete or unreadable (no version, MAC, lastmodified or master keys)")
    { Help = "Re-encrypt the file with sops; a file without a MAC has no integrity protection." };

    public static IReadOnlyList<RuleDescriptor> All { get; } =
        [NotEncrypted, ValueNotEncrypted, MacMismatch, MacUnverified, StaleRecipients, PlaintextSecretManifest, Gitignore, MetadataIncomplete];
}
