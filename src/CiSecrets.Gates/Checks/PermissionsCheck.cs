using CiSecrets.Sops;

namespace CiSecrets.Gates.Checks;

/// <summary>
/// Local secret files (<c>.env</c>, <c>*.secret</c>, <c>*.key</c> in the working folder, and the age
/// key file) are readable by their owner only (mode 600) and the age key folder is 700. Skipped in
/// CI, where files come from a checkout and the runner is single-user.
/// </summary>
internal sealed class PermissionsCheck : IGateCheck
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Name => "permissions";

    public string Description => "Local secret files are mode 600 and key folders 700";

    public Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken)
    {
        if (context.Environment.IsContinuousIntegration())
        {
            return Task.FromResult(CheckResult.Skipped("running in CI (CI=true): files come from a checkout"));
        }

        if (OperatingSystem.IsWindows())
        {
            return Task.FromResult(CheckResult.Skipped("file modes do not apply on Windows"));
        }

        var problems = new List<string>();
        var files = SecretFiles(context.RepositoryRoot).ToList();
        foreach (var file in files)
        {
            var mode = File.GetUnixFileMode(file);
            if ((mode & GroupOrOther) != 0)
            {
                problems.Add($"{Path.GetRelativePath(context.RepositoryRoot, file).Replace('\\', '/')} is mode {Octal(mode)}, should be 600");
            }
        }

        var keyFile = context.Environment.GetVariable("SOPS_AGE_KEY_FILE") is { Length: > 0 } named
            ? Path.GetFullPath(named, context.Environment.CurrentDirectory)
            : AgeIdentities.DefaultKeysFile(context.Environment);
        if (keyFile is not null && File.Exists(keyFile))
        {
            files.Add(keyFile);
            if ((File.GetUnixFileMode(keyFile) & GroupOrOther) != 0)
            {
                problems.Add($"age key file {keyFile} is mode {Octal(File.GetUnixFileMode(keyFile))}, should be 600");
            }

            var folder = Path.GetDirectoryName(keyFile)!;
            if ((File.GetUnixFileMode(folder) & GroupOrOther) != 0)
            {
                problems.Add($"age key folder {folder} is mode {Octal(File.GetUnixFileMode(folder))}, should be 700");
            }
        }

        return Task.FromResult(CheckResult.FailIfAny(problems, files.Count == 0 ? "no local secret files" : $"{files.Count} local secret file(s) readable by their owner only"));
    }

    private static IEnumerable<string> SecretFiles(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(root, "*", options)
            .Where(f => !Path.GetRelativePath(root, f).Replace('\\', '/').StartsWith(".git/", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) is var name
                && (name == ".env" || (name.StartsWith(".env.", StringComparison.Ordinal) && !name.EndsWith(".example", StringComparison.Ordinal) && !name.EndsWith(".sample", StringComparison.Ordinal))
                    || name.EndsWith(".secret", StringComparison.Ordinal) || name.EndsWith(".key", StringComparison.Ordinal)));
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8);
}
