using System.Text.RegularExpressions;
using CiSecrets.Sops.Age;

namespace CiSecrets.Sops;

/// <summary>Options of <see cref="SopsValidator"/>.</summary>
public sealed record SopsValidatorOptions
{
    /// <summary>Report a file whose MAC could not be verified as an error rather than a warning.</summary>
    public bool RequireMac { get; init; }

    /// <summary>Report secrets files and rule-covered files that are not encrypted (on by default).</summary>
    public bool RequireEncrypted { get; init; } = true;

    /// <summary>Identities to verify MACs with; without them MACs are reported unverified.</summary>
    public IReadOnlyList<AgeIdentity> Identities { get; init; } = [];

    /// <summary>
    /// Whether a plaintext secrets file that no creation rule covers blocks (an error) or is only reported (a
    /// warning): <c>--require-encrypted</c> / <c>REQUIRE_ENCRYPTED_SECRETS=true</c> on the command line.
    /// </summary>
    public bool BlockPlaintextSecrets { get; init; } = true;

    /// <summary>Files larger than this are not read; each is named in <see cref="SopsValidation.Warnings"/>.</summary>
    public long MaxFileBytes { get; init; } = SopsFile.MaxFileBytes;

    /// <summary>Files checked at once (default: one per core).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>What a validation found, how much it looked at, and what it could not look at (<see cref="Warnings"/>).</summary>
public sealed record SopsValidation(IReadOnlyList<Finding> Findings, int FilesChecked, int SopsFiles, int MacsVerified)
{
    /// <summary>One line per file left unchecked (too large), naming the file and the limit.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Checks a repository's sops files: encrypted where they must be, every value encrypted, MAC intact,
/// recipients matching <c>.sops.yaml</c>, no plaintext secrets files, a .gitignore that keeps them out.
/// Returns findings (<see cref="SopsRules"/>); bad files are findings, not exceptions.
/// </summary>
public sealed partial class SopsValidator(SopsValidatorOptions? options = null)
{
    private readonly SopsValidatorOptions _options = options ?? new SopsValidatorOptions();

    public static IReadOnlyList<RuleDescriptor> Rules => SopsRules.All;

    /// <summary>Validates the tracked files (paths relative to <paramref name="repositoryRoot"/>, or absolute).</summary>
    public IReadOnlyList<Finding> Validate(string repositoryRoot, IEnumerable<string> trackedFiles) => Run(repositoryRoot, trackedFiles).Findings;

    /// <summary>Validates the tracked files, in parallel; findings come back in path order whatever the parallelism.</summary>
    public SopsValidation Run(string repositoryRoot, IEnumerable<string> trackedFiles)
    {
        var root = Path.GetFullPath(repositoryRoot);
        var findings = new List<Finding>();
        var configPath = Path.Combine(root, SopsConfig.FileName);
        SopsConfig? config = null;
        if (File.Exists(configPath))
        {
            try
            {
                config = SopsConfig.Load(configPath);
            }
            catch (InputException e)
            {
                findings.Add(Make(SopsRules.MetadataIncomplete, SopsConfig.FileName, 1, $".sops.yaml cannot be read: {e.Problem}"));
            }
        }

        var files = trackedFiles.Select(f => Relative(root, f)).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal)
            .Where(relative => Path.GetFileName(relative) != SopsConfig.FileName).ToList();
        var results = new FileResult?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism) }, i =>
        {
            var full = Path.Combine(root, files[i]);
            var info = new FileInfo(full);
            if (info.Exists && info.Length <= _options.MaxFileBytes)
            {
                var counters = new FileCounters();
                results[i] = new FileResult([.. ValidateFile(files[i], full, config, counters)], counters);
            }
        });

        foreach (var result in results.OfType<FileResult>())
        {
            findings.AddRange(result.Findings);
        }

        if (_options.RequireEncrypted)
        {
            findings.AddRange(CheckGitignore(root));
        }

        var checkedFiles = results.OfType<FileResult>().ToList();

        // A file too large to read is not silently passed: it is named, so a bundle that grew past the limit
        // is noticed rather than reported clean.
        var tooLarge = files.Select(f => (Relative: f, Info: new FileInfo(Path.Combine(root, f))))
            .Where(f => f.Info.Exists && f.Info.Length > _options.MaxFileBytes)
            .Select(f => $"{f.Relative}: not checked: {SopsFile.SizeText(f.Info.Length)} is over the {SopsFile.SizeText(_options.MaxFileBytes)} limit for SOPS files");
        return new SopsValidation(findings, checkedFiles.Count, checkedFiles.Count(r => r.Counters.IsSops), checkedFiles.Count(r => r.Counters.MacVerified))
        {
            Warnings = [.. tooLarge],
        };
    }

    /// <summary>What one file's check saw, beside its findings (filled in by the one thread that checks it).</summary>
    private sealed class FileCounters
    {
        public bool IsSops { get; set; }

        public bool MacVerified { get; set; }
    }

    private sealed record FileResult(IReadOnlyList<Finding> Findings, FileCounters Counters);

    private IEnumerable<Finding> ValidateFile(string relative, string full, SopsConfig? config, FileCounters counters)
    {
        var rule = config?.CreationRules.Any(r => !string.IsNullOrEmpty(r.PathRegex)) == true ? MatchExplicit(config, full) : null;
        string text;
        string? unreadable = null;
        try
        {
            text = BoundedFile.ReadAllText(full, _options.MaxFileBytes);
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException)
        {
            // A link to /dev/zero or to a folder is named and fails the check, not the whole run.
            text = "";
            unreadable = e is InputException input ? input.Problem : "cannot be read";
        }

        if (unreadable is not null)
        {
            yield return Make(SopsRules.MetadataIncomplete, relative, 1, $"{relative}: {unreadable}");
            yield break;
        }

        var looksSops = LooksLikeSops(text);
        var namedSops = SopsNamePattern().IsMatch(Path.GetFileName(relative));
        if (!looksSops)
        {
            if (_options.RequireEncrypted && (rule is not null || namedSops))
            {
                yield return Make(SopsRules.NotEncrypted, relative, 1, rule is not null
                    ? $"{relative} matches creation rule '{rule.PathRegex}' but is not sops-encrypted"
                    : $"{relative} is named as a sops file but is not sops-encrypted");
            }
            else if (_options.RequireEncrypted && IsSecretsFile(relative, text))
            {
                var descriptor = _options.BlockPlaintextSecrets ? SopsRules.PlaintextSecretManifest : SopsRules.PlaintextSecretManifest with { Severity = Severity.Warning };
                yield return Make(descriptor, relative, 1, $"{relative} looks like a secrets file and is committed in clear text");
            }

            yield break;
        }

        SopsFile file;
        string? problem = null;
        try
        {
            file = SopsFile.Parse(text, relative, SopsFormats.ForPath(relative));
        }
        catch (InputException e)
        {
            file = null!;
            problem = e.Problem;
        }

        if (problem is not null)
        {
            yield return Make(SopsRules.MetadataIncomplete, relative, 1, $"{relative}: {problem}");
            yield break;
        }

        if (file.Metadata is null)
        {
            if (_options.RequireEncrypted)
            {
                yield return Make(SopsRules.NotEncrypted, relative, 1, $"{relative} has no sops metadata");
            }

            yield break;
        }

        counters.IsSops = true;
        var metadata = file.Metadata;
        if (!metadata.IsComplete)
        {
            var missing = string.Join(" and ", new[] { metadata.Version.Length == 0 ? "version" : null, metadata.Mac.Length == 0 ? "mac" : null }.OfType<string>());
            yield return Make(SopsRules.MetadataIncomplete, relative, LineOf(text, "sops"), $"{relative}: the sops metadata has no {missing}");
        }

        foreach (var finding in ClearValues(file, relative))
        {
            yield return finding;
        }

        var fullRule = config?.FindRule(full);
        if (fullRule is not null && !SopsFile.SameKeys(metadata.KeyGroups, fullRule.KeyGroups))
        {
            var have = string.Join(" | ", metadata.KeyGroups);
            var want = string.Join(" | ", fullRule.KeyGroups);
            yield return Make(SopsRules.StaleRecipients, relative, LineOf(text, "sops"), $"{relative} is encrypted for {have} but its creation rule names {want}");
        }

        if (metadata.Mac.Length > 0)
        {
            if (CheckMac(file, relative) is { } macFinding)
            {
                yield return macFinding;
            }
            else
            {
                counters.MacVerified = true;
            }
        }
    }

    /// <summary>Null when the MAC verified; otherwise the finding that says why it did not.</summary>
    private Finding? CheckMac(SopsFile file, string relative)
    {
        SopsDecryptedFile decrypted;
        try
        {
            decrypted = file.Decrypt(_options.Identities, verifyMac: false, tolerateClear: true);
        }
        catch (SopsException e) when (e.Kind == SopsErrorKind.ValueAuthenticationFailed)
        {
            return Make(SopsRules.MacMismatch, relative, 1, $"{relative}: a value fails authentication (at '{e.KeyPath}')");
        }
        catch (SopsException e)
        {
            var descriptor = _options.RequireMac ? SopsRules.MacUnverified with { Severity = Severity.Error } : SopsRules.MacUnverified;
            return Make(descriptor, relative, 1, $"{relative}: MAC not verified: {e.Message[(e.File.Length + 2)..]}");
        }
        catch (InputException e)
        {
            return Make(SopsRules.MetadataIncomplete, relative, 1, $"{relative}: {e.Problem}");
        }

        return decrypted.MacStatus switch
        {
            MacStatus.Verified => null,
            MacStatus.Undecryptable => Make(SopsRules.MacMismatch, relative, 1, $"{relative}: the stored MAC does not decrypt (mac or lastmodified changed)"),
            _ => Make(SopsRules.MacMismatch, relative, 1, $"{relative}: MAC mismatch (values changed, added, removed or reordered outside sops)"),
        };
    }

    /// <summary>Values the file's own rules say are encrypted but which are in clear text.</summary>
    private static IEnumerable<Finding> ClearValues(SopsFile file, string relative)
    {
        var rules = file.Metadata!.EffectiveRules;
        if (rules.UnencryptedCommentRegex is { Length: > 0 } || rules.EncryptedCommentRegex is { Length: > 0 })
        {
            yield break;
        }

        var clear = new List<(string Path, int Line)>();
        foreach (var branch in file.Document.Branches)
        {
            TreeCrypto.Walk(branch, [], (scalar, path) =>
            {
                if (scalar.Kind == ScalarKind.Null || !rules.ShouldEncrypt(path))
                {
                    return;
                }

                if (scalar.Kind != ScalarKind.String || ((string)scalar.Value!).Length > 0 && !EncryptedValue.LooksEncrypted((string)scalar.Value!))
                {
                    clear.Add((TreeCrypto.PathText(path), scalar.Span is { } span ? 1 + file.Text.AsSpan(0, span.Start).Count('\n') : 1));
                }
            });
        }

        foreach (var (path, line) in clear)
        {
            yield return Make(SopsRules.ValueNotEncrypted, relative, line, $"{relative}: the value at '{path}' is not encrypted");
        }
    }

    private static SopsCreationRule? MatchExplicit(SopsConfig config, string full)
    {
        var rule = config.FindRule(full);
        return rule is { PathRegex.Length: > 0 } ? rule : null;
    }

    private static bool LooksLikeSops(string text) =>
        text.Contains("sops", StringComparison.Ordinal) && (text.Contains("ENC[AES256_GCM,", StringComparison.Ordinal)
            || text.Contains("lastmodified", StringComparison.Ordinal));

    /// <summary>Kubernetes Secret manifests, .env files, *.secret, *.key and secrets.* (examples and templates excepted).</summary>
    internal static bool IsSecretsFile(string relative, string text)
    {
        var name = Path.GetFileName(relative).ToLowerInvariant();
        if (ExamplePattern().IsMatch(name))
        {
            return false;
        }

        if (name == ".env" || name.EndsWith(".env", StringComparison.Ordinal) || name.StartsWith(".env.", StringComparison.Ordinal)
            || name.EndsWith(".secret", StringComparison.Ordinal) || name.EndsWith(".key", StringComparison.Ordinal)
            || name.StartsWith("secrets.", StringComparison.Ordinal))
        {
            return true;
        }

        return name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal)
            ? SecretManifestPattern().IsMatch(text)
            : name.EndsWith(".json", StringComparison.Ordinal) && JsonSecretManifestPattern().IsMatch(text);
    }

    private static IEnumerable<Finding> CheckGitignore(string root)
    {
        var coverage = GitignoreCoverage.Of(root);
        if (!coverage.IgnoresAll)
        {
            yield return Make(SopsRules.Gitignore, ".gitignore", 1, coverage.FileExists
                ? $".gitignore does not ignore {string.Join(", ", coverage.Missing)}"
                : $"the repository has no .gitignore (it should ignore {string.Join(", ", coverage.Missing)})");
        }
    }

    private static string Relative(string root, string file)
    {
        var full = Path.GetFullPath(file, root);
        return Path.GetRelativePath(root, full).Replace('\\', '/');
    }

    private static int LineOf(string text, string key)
    {
        var match = Regex.Match(text, $"^\\s*\"?{Regex.Escape(key)}\"?\\s*[:=\\]]|^\\[{Regex.Escape(key)}\\]|^{Regex.Escape(key)}_", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        return match.Success ? 1 + text.AsSpan(0, match.Index).Count('\n') : 1;
    }

    private static Finding Make(RuleDescriptor rule, string path, int line, string message) => new()
    {
        RuleId = rule.Id,
        Description = rule.Description,
        Path = path,
        Line = line,
        Column = 1,
        Severity = rule.Severity,
        Message = message,
    };

    [GeneratedRegex(@"\.(sops|enc)\.[^.]+$", RegexOptions.IgnoreCase)]
    private static partial Regex SopsNamePattern();

    [GeneratedRegex(@"\.(example|sample|template|dist|tmpl|tpl)$", RegexOptions.IgnoreCase)]
    private static partial Regex ExamplePattern();

    [GeneratedRegex(@"^kind:\s*[""']?Secret[""']?\s*$", RegexOptions.Multiline)]
    private static partial Regex SecretManifestPattern();

    [GeneratedRegex(@"""kind""\s*:\s*""Secret""")]
    private static partial Regex JsonSecretManifestPattern();
}
