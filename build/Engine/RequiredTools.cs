namespace CiSecrets.Build.Engine;

/// <summary>A program a target runs, why, and how to install it on Debian.</summary>
public sealed record RequiredTool(string Name, string Why, string Install);

/// <summary>Checks that programs are on PATH before a target starts, so a missing one is one line, not a page of failed tests.</summary>
public static class RequiredTools
{
    public static IReadOnlyList<RequiredTool> ForTests(bool shiftedClock) =>
    [
        new("git", "the tests build real git repositories", "apt-get install -y git"),
        new("node", "the SOPS tests check every file they write with an independent verifier in plain Node.js", "apt-get install -y nodejs"),
        .. shiftedClock ? [new RequiredTool("faketime", "--test-date shifts the tests' clock with it", "apt-get install -y faketime")] : Array.Empty<RequiredTool>(),
    ];

    /// <summary>Fails with one line naming every tool that is not on PATH, why it is needed and how to install it.</summary>
    public static void Check(IReadOnlyList<RequiredTool> tools)
    {
        var missing = tools.Where(tool => Find(tool.Name) is null).ToList();
        if (missing.Count > 0)
        {
            throw new TargetFailedException("not installed: " + string.Join("; ", missing.Select(tool => $"{tool.Name} ({tool.Why}): {tool.Install}")));
        }
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
