namespace CiSecrets.Scanning.Detection;

/// <summary>Shannon entropy in bits per character: how random a string looks.</summary>
public static class ShannonEntropy
{
    public static double Of(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        Dictionary<char, int>? wide = null;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                wide ??= [];
                wide[c] = wide.GetValueOrDefault(c) + 1;
            }
        }

        double entropy = 0;
        double length = value.Length;
        foreach (var count in counts)
        {
            entropy -= Term(count, length);
        }

        foreach (var count in wide?.Values ?? Enumerable.Empty<int>())
        {
            entropy -= Term(count, length);
        }

        return entropy;
    }

    private static double Term(int count, double length)
    {
        if (count == 0)
        {
            return 0;
        }

        var p = count / length;
        return p * Math.Log2(p);
    }
}
