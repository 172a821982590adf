using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Stripe secret (sk_) and restricted (rk_) keys, live and test (https://docs.stripe.com/keys).
/// Publishable keys (pk_) are public by design and are not reported.
/// </summary>
internal static partial class StripeAccessToken
{
    public static Rule Rule { get; } = new()
    {
        Id = "stripe-access-token",
        Description = "Stripe secret or restricted API key",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["sk_live_", "rk_live_", "sk_test_", "rk_test_", "sk_prod_", "rk_prod_"],
        MinEntropy = 3,
        TruePositives =
        [
            $"STRIPE_SECRET_KEY={Sample.Token("sk_" + "live_", 24, Sample.AlphaNumeric)}",
            $"stripe.api_key = \"{Sample.Token("rk_" + "live_", 99, Sample.AlphaNumeric, 1)}\"",
            $"{Sample.Token("sk_" + "test_", 24, Sample.AlphaNumeric, 2)}",
        ],
        FalsePositives =
        [
            $"{Sample.Token("pk_" + "live_", 24, Sample.AlphaNumeric)}",
            "sk_live_short",
            Sample.Join("stripe.api_key = \"sk_test_", "4eC39HqLyjWDarjtT1zdp7dc\""),
            $"x{Sample.Token("sk_" + "live_", 24, Sample.AlphaNumeric, 3)}",
            "sk_" + "live_" + new string('A', 24),
        ],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>[sr]k_(?:live|test|prod)_[A-Za-z0-9]{24,247})(?![A-Za-z0-9])")]
    private static partial Regex Pattern();
}
