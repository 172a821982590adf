namespace CiSecrets.Sops;

/// <summary>
/// The flattened metadata of the dotenv and INI stores (<c>age__list_0__map_enc</c>).
/// https://github.com/getsops/sops/blob/main/stores/flatten.go
/// </summary>
internal static class Flattening
{
    private const string MapSeparator = "__map_";
    private const string ListSeparator = "__list_";

    public static List<KeyValuePair<string, string>> Flatten(SopsMapping mapping)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var entry in mapping.Entries)
        {
            Flatten(entry.Key, entry.Value, result);
        }

        return result;
    }

    private static void Flatten(string prefix, SopsNode node, List<KeyValuePair<string, string>> result)
    {
        switch (node)
        {
            case SopsMapping m:
                foreach (var entry in m.Entries)
                {
                    Flatten(prefix + MapSeparator + entry.Key, entry.Value, result);
                }

                break;
            case SopsSequence s:
                var index = 0;
                foreach (var item in s.Items.Where(i => i is not SopsComment))
                {
                    Flatten(prefix + ListSeparator + SopsMetadata.Invariant(index++), item, result);
                }

                break;
            case SopsScalar scalar:
                result.Add(new(prefix, scalar.Value switch
                {
                    bool b => b ? "true" : "false",
                    long l => SopsMetadata.Invariant(l),
                    string str => str,
                    _ => "",
                }));
                break;
        }
    }

    /// <summary>Rebuilds the nested metadata from flattened keys (maps sorted by key, lists by index).</summary>
    public static SopsMapping Unflatten(IEnumerable<KeyValuePair<string, string>> flat, string subject)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in flat)
        {
            var tokens = Tokenize(key);
            if (tokens.Count > NestingLimit.MaxDepth)
            {
                throw new InputException(subject, $"a sops metadata key is nested deeper than {NestingLimit.MaxDepth} levels");
            }

            object current = root;
            for (var i = 0; i < tokens.Count; i++)
            {
                var (isList, name) = tokens[i];
                var last = i == tokens.Count - 1;
                var container = (Dictionary<string, object>)current;
                var slot = isList ? "#" + name : name;
                if (last)
                {
                    if (container.ContainsKey(slot))
                    {
                        throw new InputException(subject, $"sops metadata key '{key}' is both a value and a container");
                    }

                    container[slot] = value;
                }
                else
                {
                    if (!container.TryGetValue(slot, out var next))
                    {
                        next = new Dictionary<string, object>(StringComparer.Ordinal);
                        container[slot] = next;
                    }

                    current = next as Dictionary<string, object> ?? throw new InputException(subject, $"sops metadata key '{key}' is both a value and a container");
                }
            }
        }

        return (SopsMapping)Build(root, subject);
    }

    private static SopsNode Build(object value, string subject)
    {
        if (value is string s)
        {
            return SopsScalar.Of(s);
        }

        var dictionary = (Dictionary<string, object>)value;
        if (dictionary.Count > 0 && dictionary.Keys.All(k => k.StartsWith('#')))
        {
            var sequence = new SopsSequence();
            var indexed = dictionary.Select(kv => (Index: int.TryParse(kv.Key[1..], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1, kv.Value))
                .OrderBy(x => x.Index).ToList();
            for (var i = 0; i < indexed.Count; i++)
            {
                if (indexed[i].Index != i)
                {
                    throw new InputException(subject, "sops metadata list is not complete");
                }

                sequence.Items.Add(Build(indexed[i].Value, subject));
            }

            return sequence;
        }

        var mapping = new SopsMapping();
        foreach (var (key, child) in dictionary.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            mapping.Add(key.TrimStart('#'), Build(child, subject));
        }

        return mapping;
    }

    private static List<(bool IsList, string Name)> Tokenize(string key)
    {
        var tokens = new List<(bool, string)>();
        var position = 0;
        var isList = false;
        while (true)
        {
            var nextMap = key.IndexOf(MapSeparator, position, StringComparison.Ordinal);
            var nextList = key.IndexOf(ListSeparator, position, StringComparison.Ordinal);
            var next = nextMap < 0 ? nextList : nextList < 0 ? nextMap : Math.Min(nextMap, nextList);
            if (next < 0)
            {
                tokens.Add((isList, key[position..]));
                return tokens;
            }

            tokens.Add((isList, key[position..next]));
            isList = next == nextList;
            position = next + (isList ? ListSeparator.Length : MapSeparator.Length);
        }
    }
}
