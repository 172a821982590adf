namespace CiSecrets;

/// <summary>
/// The process environment as a seam, so that tests feed real variable sets (a GitHub Actions
/// runner's, say) without mutating the test process.
/// </summary>
public interface IEnvironment
{
    string? GetVariable(string name);

    /// <summary>The folder relative paths are resolved against.</summary>
    string CurrentDirectory { get; }
}
