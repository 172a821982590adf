namespace CiSecrets.Cli.Tests;
