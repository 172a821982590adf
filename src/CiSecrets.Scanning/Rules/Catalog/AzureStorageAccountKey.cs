using System.Text.RegularExpressions;

namespace CiSecrets.Scanning.Rules.Catalog;

/// <summary>
/// Azure storage account keys and Service Bus / Event Hubs shared access keys, as they appear
/// in connection strings (<c>DefaultEndpointsProtocol=https;AccountName=x;AccountKey=...</c>)
/// and settings (https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string).
/// </summary>
internal static partial class AzureStorageAccountKey
{
    public static Rule Rule { get; } = new()
    {
        Id = "azure-storage-account-key",
        Description = "Azure storage account key or shared access key in a connection string",
        Locator = new RegexLocator(Pattern()),
        Keywords = ["accountkey", "account_key", "account-key", "sharedaccesskey"],
        MinEntropy = 4,
        TruePositives =
        [
            Sample.Join("\"Storage\": \"DefaultEndpointsProtocol=https;AccountName=demo;Account", "Key=", Sample.Token("", 86, Sample.Base64), "==;EndpointSuffix=core.windows.net\""),
            Sample.Join("Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccess", "Key=", Sample.Token("", 43, Sample.Base64, 1), "="),
            Sample.Join("AZURE_STORAGE_ACCOUNT", "KEY=", Sample.Token("", 86, Sample.Base64, 2), "=="),
        ],
        FalsePositives =
        [
            "UseDevelopmentStorage=true",
            "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=<your-account-key>;",
            "AccountKey=${STORAGE_KEY}",
        ],
    };

    [GeneratedRegex(@"(?i)(?:account[_-]?key|sharedaccesskey)[""']?\s*[=:]\s*[""']?(?<secret>(?-i:[A-Za-z0-9+/]{86}==|[A-Za-z0-9+/]{43}=))(?![A-Za-z0-9+/=])")]
    private static partial Regex Pattern();
}
