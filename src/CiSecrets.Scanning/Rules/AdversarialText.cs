using System.Text;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// Inputs a hostile pull request would use to make a rule slow: one short fragment repeated to
/// any size, on one long line or on many. Each rule's own keywords and examples, and quote and
/// assignment fragments that keep the generic patterns matching, so that every keyword hit starts
/// a candidate. Shared by the linear-time test and the throughput benchmark.
/// </summary>
public static class AdversarialText
{
    /// <summary>A named fragment to repeat: <paramref name="Name"/> is printable in reports, the fragment may not be.</summary>
    public sealed record Input(string Name, string Fragment)
    {
        /// <summary>The fragment repeated to <paramref name="size"/> characters.</summary>
        public string Repeat(int size)
        {
            var builder = new StringBuilder(size + Fragment.Length);
            while (builder.Length < size)
            {
                builder.Append(Fragment);
            }

            builder.Length = size;
            return builder.ToString();
        }

        public override string ToString() => Name;
    }

    /// <summary>Fragments that hurt assignment and token patterns whatever the rule.</summary>
    public static IReadOnlyList<Input> Common { get; } =
    [
        new("jwt-header", "eyJhbGciOiJIUzI1NiJ9."),
        new("mixed-quotes", "api_key=\"x' token='y\" "),
        new("open-assignments", "password = \"" + "token: '" + "secret=`"),
        new("userinfo", "postgres://a:b@c:d@"),
        new("name-run", "password_password_password_password_"),
        new("quote-run", "\"'`\"'`="),
    ];

    // Characters that keep most patterns matching for as long as possible before they fail.
    private static readonly string[] NearMissFillers = ["aA0", "a:b@", "-_./+=", "\"'`", " \t", "$2y$10$", "\\n", "<>"];

    /// <summary>The fragments for one rule: the common ones, its keywords packed together, followed by assignment fragments and by near misses, and its first example.</summary>
    public static IReadOnlyList<Input> For(Rule rule)
    {
        var inputs = new List<Input>(Common);
        IReadOnlyList<string> keywords = rule.Keywords.Count > 0 ? rule.Keywords : [""];
        inputs.Add(new("near-misses", string.Concat(NearMissFillers.Select((filler, i) =>
            keywords[i % keywords.Count] + string.Concat(Enumerable.Repeat(filler, 40)) + (i % 3 == 0 ? "\n" : " ")))));
        if (rule.Keywords.Count > 0)
        {
            inputs.Add(new("keywords", string.Concat(rule.Keywords)));
            inputs.Add(new("keywords-assigned", string.Concat(rule.Keywords.Select(keyword => keyword + "=\"" + keyword + "'"))));
            inputs.Add(new("keywords-spaced", string.Join(' ', rule.Keywords) + " "));
        }

        if (rule.TruePositives.Count > 0)
        {
            var example = rule.TruePositives[0].Text;
            inputs.Add(new("example-one-line", example.ReplaceLineEndings(" ") + " "));
            inputs.Add(new("example-lines", example.EndsWith('\n') ? example : example + "\n"));
        }

        return inputs;
    }
}
