using CiSecrets.Testing;
using YamlDotNet.Serialization;

namespace CiSecrets.Action.Tests;

/// <summary>The repository's own files under test (action.yml, the workflows, the action script).</summary>
internal static class RepositoryFiles
{
    public static string Root => SourceTree.Root;

    public static string ActionYaml => Path.Combine(Root, "action.yml");

    public static string ActionScript => Path.Combine(Root, ".github", "scripts", "run-action.sh");

    public static string WorkflowsDirectory => Path.Combine(Root, ".github", "workflows");

    public static IReadOnlyList<string> Workflows =>
        [.. Directory.EnumerateFiles(WorkflowsDirectory, "*.yml").Concat(Directory.EnumerateFiles(WorkflowsDirectory, "*.yaml")).Order(StringComparer.Ordinal)];

    /// <summary>Parses YAML into dictionaries, lists and strings; a syntax error fails with the file name.</summary>
    public static Dictionary<object, object> LoadYaml(string path)
    {
        try
        {
            return new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path}: empty document");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The cisecrets version the Cli project packs (its &lt;Version&gt;).</summary>
    public static string ToolVersion()
    {
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(Root, "src", "CiSecrets.Cli", "CiSecrets.Cli.csproj"));
        return project.Descendants("Version").Single().Value;
    }
}
