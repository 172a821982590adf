namespace CiSecrets.Sops;

/// <summary>The file formats (sops "stores").</summary>
public enum SopsFormat
{
    Yaml,
    Json,
    Dotenv,
    Ini,
    Binary,
}

public static class SopsFormats
{
    /// <summary>The store sops picks by extension: .yaml/.yml, .json, .env, .ini, anything else binary.</summary>
    public static SopsFormat ForPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".yaml" or ".yml" => SopsFormat.Yaml,
        ".json" => SopsFormat.Json,
        ".env" => SopsFormat.Dotenv,
        ".ini" => SopsFormat.Ini,
        _ => SopsFormat.Binary,
    };
}
