namespace CiSecrets.Sops.Tests;
