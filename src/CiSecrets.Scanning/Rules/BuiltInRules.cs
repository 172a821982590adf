using CiSecrets.Scanning.Rules.Catalog;

namespace CiSecrets.Scanning.Rules;

/// <summary>
/// The built-in catalog. Order matters only for ties: when two specific rules find the very same
/// span, the earlier one is reported; generic rules always yield to specific ones.
/// </summary>
public static class BuiltInRules
{
    public static IReadOnlyList<Rule> All { get; } =
    [
        AwsAccessToken.Rule,
        AwsSecretAccessKey.Rule,
        GitHubPat.Rule,
        GitHubFineGrainedPat.Rule,
        GitHubOAuth.Rule,
        GitHubAppToken.Rule,
        GitHubRefreshToken.Rule,
        GitLabPat.Rule,
        GitLabToken.Rule,
        SlackBotToken.Rule,
        SlackUserToken.Rule,
        SlackAppToken.Rule,
        SlackLegacyToken.Rule,
        SlackWebhookUrl.Rule,
        StripeAccessToken.Rule,
        GcpApiKey.Rule,
        GcpServiceAccount.Rule,
        PrivateKey.Rule,
        PuttyPrivateKey.Rule,
        AgeSecretKey.Rule,
        AzureStorageAccountKey.Rule,
        AzureAdClientSecret.Rule,
        Jwt.Rule,
        NpmAccessToken.Rule,
        PypiUploadToken.Rule,
        DockerHubPat.Rule,
        NuGetApiKey.Rule,
        OpenAiApiKey.Rule,
        AnthropicApiKey.Rule,
        AnthropicAdminApiKey.Rule,
        HuggingFaceAccessToken.Rule,
        SendGridApiToken.Rule,
        TwilioApiKey.Rule,
        TwilioAuthToken.Rule,
        MailgunPrivateApiToken.Rule,
        GitCredentials.Rule,
        DatabaseConnectionString.Rule,
        UrlCredentials.Rule,
        KubernetesSecretYaml.Rule,
        NetrcPassword.Rule,
        PgpassPassword.Rule,
        PasswordHashFile.Rule,
        SqlDumpPasswordHash.Rule,
        DockerConfigAuth.Rule,
        NpmrcAuthToken.Rule,
        AwsCredentialsFile.Rule,
        FileZillaPassword.Rule,
        WinScpPassword.Rule,
        RailsMasterKey.Rule,
        DjangoSecretKey.Rule,
        WordPressConfigSecret.Rule,
        GenericSecret.Rule,
        GenericSecretInConfig.Rule,
        GenericSecretInXml.Rule,
    ];
}
