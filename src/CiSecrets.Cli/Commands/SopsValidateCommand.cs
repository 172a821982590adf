using System.CommandLine;
using System.Diagnostics;
using System.IO.Enumeration;
using CiSecrets.Scanning;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets sops validate [PATH...]</c>: every tracked file a <c>.sops.yaml</c> creation rule covers is
/// encrypted, complete, for the rule's recipients and (with an identity) has an intact MAC; plaintext
/// secrets files and a .gitignore that lets them in are reported. Exit 0 clean, 1 errors, 2 bad input.
/// </summary>
internal static class SopsValidateCommand
{
    public const string RequireEncryptedVariable = "REQUIRE_ENCRYPTED_SECRETS";

    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders to check (default: the repository at the current directory).", Arity = ArgumentArity.ZeroOrMore };
        var requireMac = new Option<bool>("--require-mac") { Description = "Fail when a file's MAC cannot be verified (no identity opens it)." };
        var requireEncrypted = new Option<bool>("--require-encrypted") { Description = $"Fail on plaintext secrets files no creation rule covers (also {RequireEncryptedVariable}=true)." };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var sarif = new Option<string?>("--sarif-file") { Description = "Also write a SARIF report to this file (for code scanning)." };
        var command = new Command("validate", "Check the repository's SOPS files against .sops.yaml: encrypted, complete, current recipients, intact MAC.")
        {
            paths, requireMac, requireEncrypted, format, output, sarif,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (root, files) = SelectFiles(environment, parsed.GetValue(paths) ?? []);
            var identities = AgeIdentities.Load(environment);
            var options = new SopsValidatorOptions
            {
                Identities = identities,
                RequireMac = parsed.GetValue(requireMac),
                BlockPlaintextSecrets = parsed.GetValue(requireEncrypted) || environment.IsTrue(RequireEncryptedVariable),
            };
            var stopwatch = Stopwatch.StartNew();
            var validation = new SopsValidator(options).Run(root, files);
            var report = new Report
            {
                Title = "cisecrets sops validate",
                Rules = SopsRules.All,
                Findings = validation.Findings,
                Stats =
                [
                    Stat.Of("files", validation.FilesChecked),
                    Stat.Of("sopsFiles", validation.SopsFiles),
                    Stat.Of("macsVerified", validation.MacsVerified),
                    Stat.Of("durationMs", stopwatch.ElapsedMilliseconds),
                ],
                Warnings =
                [
                    .. validation.Warnings,
                    .. identities.Count == 0 && validation.SopsFiles > 0
                        ? ["no age identity (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE or keys.txt): MACs were not verified"]
                        : Array.Empty<string>(),
                ],
                Root = root,
            };
            await new ReportOutput(environment, console).WriteAsync(report, parsed.GetValue(format)!, parsed.GetValue(output), parsed.GetValue(sarif), cancellationToken);
            return (int)(validation.Findings.Any(f => f.Severity == Severity.Error) ? ExitCode.PolicyFailure : ExitCode.Clean);
        });
        return command;
    }

    /// <summary>
    /// The root findings are relative to and the files to check: the git index of the repository the first
    /// path is in (limited to the paths given), or a walk of the folders when there is no repository.
    /// </summary>
    internal static (string Root, IReadOnlyList<string> Files) SelectFiles(IEnvironment environment, IReadOnlyList<string> paths)
    {
        var given = (paths.Count == 0 ? [environment.CurrentDirectory] : paths).Select(p => (Shown: p, Full: Path.GetFullPath(p, environment.CurrentDirectory))).ToList();
        foreach (var (shown, full) in given.Where(p => !File.Exists(p.Full) && !Directory.Exists(p.Full)))
        {
            throw new InputException(shown, "no such file or directory");
        }

        var first = given[0].Full;
        var repositoryRoot = GitRepository.FindRoot(first);
        if (repositoryRoot is not null)
        {
            var root = Path.TrimEndingDirectorySeparator(repositoryRoot);
            var tracked = GitRepository.TrackedFiles(root).Select(f => Path.Combine(root, f));
            var selected = paths.Count == 0 ? tracked : tracked.Where(f => given.Any(p => f == p.Full || f.StartsWith(Path.TrimEndingDirectorySeparator(p.Full) + Path.DirectorySeparatorChar, StringComparison.Ordinal)));

            // A file named explicitly is checked even when it is not tracked yet (a pre-commit check).
            return (root, [.. selected.Concat(given.Where(p => File.Exists(p.Full)).Select(p => p.Full)).Distinct(StringComparer.Ordinal)]);
        }

        var folder = Directory.Exists(first) ? first : Path.GetDirectoryName(first)!;
        var files = given.SelectMany(p => File.Exists(p.Full) ? [p.Full] : Walk(p.Full));
        return (folder, [.. files.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Every file under a folder, .git folders left out. Links to folders are not followed: a committed link to
    /// <c>/</c> would walk the whole file system, and one to <c>..</c> would never end.
    /// </summary>
    internal static IEnumerable<string> Walk(string folder) =>
        new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToFullPath(), new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && !entry.FileName.SequenceEqual(".git"),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0 && !entry.FileName.SequenceEqual(".git"),
        };
}
