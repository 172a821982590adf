namespace CiSecrets.Build.Benchmarking;

/// <summary>What a generated file looks like; decides its extension, folder and line style.</summary>
public enum FileKind
{
    CSharp,
    Python,
    TypeScript,
    Go,
    Yaml,
    Json,
    Markdown,

    /// <summary>A bundled, minified script: a few very long lines.</summary>
    Minified,
}
