using System.Text;

namespace CiSecrets.Build.Benchmarking;

/// <summary>
/// Source-code-like lines for generated files: identifiers, assignments, calls, comments, string
/// literals and the odd long line, in each file kind's syntax. The words avoid everything a secret
/// rule keys on (password, token, secret, key…) and values are never random strings, so a scanner
/// should find only the secrets planted on purpose. Only ASCII, so characters and bytes agree.
/// </summary>
public sealed class SourceText(Random random)
{
    private static readonly string[] Words =
    [
        "order", "customer", "invoice", "payment", "account", "ledger", "report", "session", "request", "response",
        "handler", "service", "client", "server", "cache", "queue", "message", "event", "stream", "buffer",
        "record", "entry", "item", "line", "total", "count", "index", "offset", "limit", "page",
        "user", "group", "role", "policy", "rule", "scope", "region", "zone", "node", "cluster",
        "build", "deploy", "release", "version", "config", "option", "setting", "value", "result", "error",
        "retry", "timeout", "delay", "interval", "schedule", "job", "task", "worker", "pool", "batch",
        "parse", "render", "format", "encode", "decode", "load", "store", "fetch", "update", "delete",
        "create", "merge", "split", "filter", "map", "reduce", "sort", "group", "join", "flush",
        "table", "column", "schema", "query", "cursor", "shard", "replica", "backup", "restore", "metric",
        "trace", "span", "log", "audit", "alert", "health", "status", "state", "phase", "step",
        "price", "amount", "currency", "discount", "tax", "shipping", "address", "country", "city", "street",
        "product", "catalog", "stock", "warehouse", "supplier", "vendor", "cart", "checkout", "refund", "receipt",
        "image", "video", "thumbnail", "upload", "download", "file", "folder", "path", "name", "label",
        "width", "height", "color", "theme", "layout", "panel", "button", "dialog", "menu", "view",
    ];

    private static readonly string[] Types = ["int", "long", "string", "bool", "double", "decimal", "DateTime", "Guid", "TimeSpan"];

    private static readonly string[] GoTypes = ["int", "int64", "string", "bool", "float64"];

    private static readonly string[] Verbs = ["Fix", "Add", "Update", "Refactor", "Remove", "Handle", "Speed up", "Clean up", "Rename", "Document", "Simplify", "Support"];

    public string Word() => Words[random.Next(Words.Length)];

    public string Pascal(int parts = 0) => Join(parts, capitalizeFirst: true, separator: "");

    public string Camel(int parts = 0) => Join(parts, capitalizeFirst: false, separator: "");

    public string Snake(int parts = 0) => Join(parts, capitalizeFirst: false, separator: "_", capitalizeRest: false);

    public string Kebab(int parts = 0) => Join(parts, capitalizeFirst: false, separator: "-", capitalizeRest: false);

    public string Sentence(int minWords = 4, int maxWords = 12)
    {
        var count = random.Next(minWords, maxWords + 1);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var word = Word();
            builder.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : " " + word);
        }

        return builder.ToString();
    }

    public string CommitMessage() =>
        random.Next(4) == 0
            ? $"{Verbs[random.Next(Verbs.Length)]} {Word()} {Word()} in {Pascal(2)}\n\n{Sentence(8, 20)}.\n"
            : $"{Verbs[random.Next(Verbs.Length)]} {Word()} {Word()} in {Pascal(2)}\n";

    /// <summary>One line of a file of <paramref name="kind"/>; roughly one in forty is long (150–400 chars).</summary>
    public string Line(FileKind kind)
    {
        if (kind == FileKind.Minified)
        {
            return MinifiedLine(random.Next(2_000, 20_000));
        }

        var indent = new string(' ', 4 * random.Next(0, 4));
        var shape = random.Next(40);
        if (shape == 0)
        {
            return indent + LongLine(kind);
        }

        return kind switch
        {
            FileKind.CSharp => indent + (shape % 8) switch
            {
                0 => $"// {Sentence()}.",
                1 => $"public {Types[random.Next(Types.Length)]} {Pascal()} {{ get; init; }}",
                2 => $"if ({Camel()} > {random.Next(1000)}) return {Camel()};",
                3 => $"var {Camel()} = await {Camel()}.{Pascal()}Async({Camel()}, ct);",
                4 => $"{Camel()}.{Pascal()}({Camel()}, \"{Kebab(2)}\");",
                5 => $"private readonly {Pascal()} _{Camel()} = new();",
                6 => random.Next(3) == 0 ? "}" : "{",
                _ => $"var {Camel()} = {Camel()} + {random.Next(100)};",
            },
            FileKind.Python => indent + (shape % 7) switch
            {
                0 => $"# {Sentence()}",
                1 => $"def {Snake()}(self, {Snake(1)}, {Snake(1)}={random.Next(100)}):",
                2 => $"{Snake()} = {Snake()}.{Snake()}({Snake(1)})",
                3 => $"if {Snake()} is None:",
                4 => $"return [{Snake(1)} for {Snake(1)} in {Snake()} if {Snake(1)}]",
                5 => $"logger.info(\"{Sentence(3, 6)}: %s\", {Snake()})",
                _ => $"{Snake()} += {random.Next(50)}",
            },
            FileKind.TypeScript => indent + (shape % 7) switch
            {
                0 => $"// {Sentence()}",
                1 => $"export function {Camel()}({Camel(1)}: {Pascal(1)}): {Pascal()} {{",
                2 => $"const {Camel()} = {Camel()}.{Camel()}({Camel(1)});",
                3 => $"import {{ {Pascal()} }} from \"./{Kebab()}\";",
                4 => $"if (!{Camel()}) {{ return {random.Next(10)}; }}",
                5 => random.Next(2) == 0 ? "}" : "});",
                _ => $"let {Camel()} = {Camel()}?.{Camel(1)} ?? {random.Next(100)};",
            },
            FileKind.Go => indent.Replace("    ", "\t", StringComparison.Ordinal) + (shape % 7) switch
            {
                0 => $"// {Pascal()} {Sentence().ToLowerInvariant()}.",
                1 => $"func ({Camel(1)} *{Pascal()}) {Pascal()}(ctx context.Context, {Camel(1)} {GoTypes[random.Next(GoTypes.Length)]}) error {{",
                2 => $"{Camel()}, err := {Camel(1)}.{Pascal()}(ctx, {Camel(1)})",
                3 => "if err != nil {",
                4 => $"return fmt.Errorf(\"{Sentence(2, 5).ToLowerInvariant()}: %w\", err)",
                5 => "}",
                _ => $"{Camel()} := {Camel(1)} * {random.Next(100)}",
            },
            FileKind.Yaml => new string(' ', 2 * random.Next(0, 4)) + (shape % 5) switch
            {
                0 => $"# {Sentence()}",
                1 => $"{Snake()}: {random.Next(10_000)}",
                2 => $"- {Kebab()}",
                3 => $"{Snake()}: \"{Kebab(2)}\"",
                _ => $"{Snake()}:",
            },
            FileKind.Json => new string(' ', 2 * random.Next(1, 4)) + (shape % 3) switch
            {
                0 => $"\"{Camel()}\": {random.Next(10_000)},",
                1 => $"\"{Camel()}\": \"{Kebab()}\",",
                _ => $"\"{Camel()}\": [\"{Word()}\", \"{Word()}\"],",
            },
            _ => (shape % 6) switch
            {
                0 => $"## {Sentence(2, 5)}",
                1 => "",
                2 => $"- {Sentence(4, 10)}.",
                _ => $"{Sentence(8, 20)}. {Sentence(6, 16)}.",
            },
        };
    }

    /// <summary>A bundler's line: statements glued together without spaces, <paramref name="length"/> chars or a few more.</summary>
    public string MinifiedLine(int length)
    {
        var builder = new StringBuilder(length + 64);
        while (builder.Length < length)
        {
            var a = (char)('a' + random.Next(26));
            var b = (char)('a' + random.Next(26));
            builder.Append(random.Next(4) switch
            {
                0 => $"function {a}{b}({a},{b}){{return {a}.{Camel()}({b})}}",
                1 => $"var {a}={b}.{Camel()}||{random.Next(100)};",
                2 => $"{a}.prototype.{Camel()}=function(){{return this.{Camel(1)}}};",
                _ => $"\"{Kebab()}\"===" + a + "&&" + b + $"(\"{Sentence(2, 4)}\");",
            });
        }

        return builder.ToString();
    }

    private string LongLine(FileKind kind) => kind switch
    {
        FileKind.CSharp or FileKind.TypeScript or FileKind.Go =>
            $"{Camel()}.{Pascal()}(\"{Sentence(20, 50)}\", {Camel()}, {Camel()}, {random.Next(10_000)});",
        FileKind.Python => $"{Snake()} = \"{Sentence(20, 50)}\"",
        _ => Sentence(30, 60) + ".",
    };

    private string Join(int parts, bool capitalizeFirst, string separator, bool capitalizeRest = true)
    {
        var count = parts > 0 ? parts : random.Next(1, 4);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var word = Word();
            var capitalize = i == 0 ? capitalizeFirst : capitalizeRest;
            if (i > 0)
            {
                builder.Append(separator);
            }

            builder.Append(capitalize ? char.ToUpperInvariant(word[0]) + word[1..] : word);
        }

        return builder.ToString();
    }
}
