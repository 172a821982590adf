namespace CiSecrets;

public static class EnvironmentExtensions
{
    /// <summary>True for <c>true</c>, <c>1</c> and <c>yes</c>, in any case.</summary>
    public static bool IsTrue(this IEnvironment environment, string name) =>
        environment.GetVariable(name)?.Trim().ToLowerInvariant() is "true" or "1" or "yes";

    /// <summary>Running inside a GitHub Actions step.</summary>
    public static bool IsGitHubActions(this IEnvironment environment) => environment.IsTrue("GITHUB_ACTIONS");

    /// <summary>Running in any CI system (they all set <c>CI</c>).</summary>
    public static bool IsContinuousIntegration(this IEnvironment environment) =>
        environment.IsTrue("CI") || environment.IsGitHubActions();
}
