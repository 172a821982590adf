namespace CiSecrets.Build.Benchmarking;

/// <summary>
/// The files of a generated repository: a mix of kinds, each under its own top folder with a nested
/// tree of subfolders (about ten files a folder), names in each language's habit, a few minified bundles.
/// </summary>
public static class FileLayout
{
    private static readonly (FileKind Kind, int Weight, string Root)[] Mix =
    [
        (FileKind.CSharp, 30, "src"),
        (FileKind.Python, 14, "tools"),
        (FileKind.TypeScript, 20, "web/src"),
        (FileKind.Go, 12, "services"),
        (FileKind.Yaml, 9, "deploy"),
        (FileKind.Json, 5, "config"),
        (FileKind.Markdown, 10, "docs"),
    ];

    public static List<PlannedFile> Create(int count, Random random, SourceText text)
    {
        var minified = Math.Max(1, count / 160);
        var kinds = new List<FileKind>();
        kinds.AddRange(Enumerable.Repeat(FileKind.Minified, minified));
        var totalWeight = Mix.Sum(m => m.Weight);
        while (kinds.Count < count)
        {
            var roll = random.Next(totalWeight);
            var entry = Mix.First(m => (roll -= m.Weight) < 0);
            kinds.Add(entry.Kind);
        }

        kinds = [.. kinds.OrderBy(_ => random.Next())];
        var folders = new Dictionary<FileKind, List<string>>();
        foreach (var kind in kinds.Distinct())
        {
            folders[kind] = Folders(Root(kind), Math.Max(1, kinds.Count(k => k == kind) / 10), kind, random, text);
        }

        var paths = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<PlannedFile>();
        foreach (var kind in kinds)
        {
            string path;
            do
            {
                var folder = folders[kind][random.Next(folders[kind].Count)];
                path = $"{folder}/{FileName(kind, text)}";
            }
            while (!paths.Add(path));

            // Vendor bundles change rarely; the rest follow a log-normal "hot file" spread.
            var hotness = HistoryPlan.LogNormal(random, 1, 1.2) * (kind == FileKind.Minified ? 0.3 : 1);
            files.Add(new PlannedFile(files.Count, path, kind, hotness));
        }

        return files;
    }

    private static string Root(FileKind kind) => kind == FileKind.Minified ? "web/vendor" : Mix.First(m => m.Kind == kind).Root;

    // Grows a tree: each new folder hangs under the root or under a folder made before it, up to four deep.
    private static List<string> Folders(string root, int count, FileKind kind, Random random, SourceText text)
    {
        var folders = new List<string> { root };
        for (var attempt = 0; folders.Count < count + 1 && attempt < 20 * count; attempt++)
        {
            var parent = folders[random.Next(folders.Count)];
            if (parent.Count(c => c == '/') - root.Count(c => c == '/') >= 4)
            {
                continue;
            }

            var name = kind is FileKind.CSharp ? text.Pascal(random.Next(1, 3)) : kind is FileKind.Go or FileKind.Python ? text.Snake(1) : text.Kebab(random.Next(1, 3));
            var folder = $"{parent}/{name}";
            if (!folders.Contains(folder))
            {
                folders.Add(folder);
            }
        }

        return folders.Count > 1 ? folders.Skip(1).ToList() : folders;
    }

    private static string FileName(FileKind kind, SourceText text) => kind switch
    {
        FileKind.CSharp => text.Pascal(2) + ".cs",
        FileKind.Python => text.Snake(2) + ".py",
        FileKind.TypeScript => text.Kebab(2) + ".ts",
        FileKind.Go => text.Snake(2) + ".go",
        FileKind.Yaml => text.Kebab(2) + ".yaml",
        FileKind.Json => text.Kebab(2) + ".json",
        FileKind.Markdown => text.Kebab(2) + ".md",
        _ => text.Kebab(2) + ".min.js",
    };
}
