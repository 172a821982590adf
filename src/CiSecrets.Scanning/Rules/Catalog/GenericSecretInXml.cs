using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// A value given to a secret-like name in XML: an element's text (<c>&lt;password&gt;x&lt;/password&gt;</c>,
/// Maven settings, FileZilla-style configs) or a .NET appSettings entry
/// (<c>&lt;add key="DbPassword" value="x" /&gt;</c>). Only the XML-shaped forms: the quoted
/// attribute form (<c>password="x"</c>) belongs to the quoted generic rule.
/// </summary>
internal static partial class GenericSecretInXml
{
    public static Rule Rule { get; } = new()
    {
        Id = "generic-secret-xml",
        Description = "Secret value in an XML element or appSettings entry",
        Locator = new AssignmentLocator(Pattern()),
        Keywords = SecretNames.Keywords,
        IsGeneric = true,
        TruePositives =
        [
            new(Sample.Join("<server>\n  <id>nexus</id>\n  <username>ci</username>\n  <pass", "word>Nex", "us2024!</password>\n</server>"), "settings.xml"),
            new(Sample.Join("<appSettings>\n  <add key=\"DbPass", "word\" value=\"Winter2024!\" />\n</appSettings>"), "Web.config"),
            new(Sample.Join("<ClientSec", "ret>", Sample.Token("", 32, Sample.AlphaNumeric), "</ClientSecret>"), "app.xml"),
        ],
        FalsePositives =
        [
            new(Sample.Join("<pass", "word>${env.NEXUS_PASSWORD}</password>"), "settings.xml"),
            new(Sample.Join("<pass", "word></password>"), "settings.xml"),
            new(Sample.Join("<add key=\"Pass", "wordMinLength\" value=\"12\" />"), "Web.config"),
            new(Sample.Join("<secretName>db-creds</secretName>"), "values.xml"),
            new(Sample.Join("<pass", "word>changeme</password>"), "settings.xml"),
            new(Sample.Join("<Token", "Url>https://login.example.com/token</TokenUrl>"), "app.xml"),
            new(Sample.Join("<pass", "word><![CDATA[", "]]></password>"), "settings.xml"),
        ],
    };

    // Two forms, each capturing name and secret: <name>secret</name> and <add key="name" value="secret" />.
    [GeneratedRegex(@"(?i)<(?<tag>" + SecretNames.NamePattern + @")(?:\s[^<>]{0,256})?>(?<secret>[^<>\s][^<>\r\n]{0,255}?)\s*</\k<tag>>|<add\s+key\s*=\s*""(?=[^""]{1,128}"")" + SecretNames.NamePattern + @"""\s+value\s*=\s*""(?<secret>[^""]{1,256})""")]
    private static partial Regex Pattern();
}
