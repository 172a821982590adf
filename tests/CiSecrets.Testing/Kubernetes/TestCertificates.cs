using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CiSecrets.Testing.Kubernetes;

/// <summary>A certificate authority and a server certificate for 127.0.0.1 it signed, made at run time (nothing committed).</summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        // Valid for this whole century: TLS checks validity against the process clock, which a test run
        // may shift (faketime) to any date.
        var notBefore = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var notAfter = new DateTimeOffset(2099, 12, 31, 0, 0, 0, TimeSpan.Zero);
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=cisecrets test cluster CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(Authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        Server = signed.CopyWithPrivateKey(serverKey);
    }

    /// <summary>The authority (public part is what a pod's <c>ca.crt</c> holds).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server's certificate with its private key.</summary>
    public X509Certificate2 Server { get; }

    public string AuthorityPem => Authority.ExportCertificatePem();

    public void Dispose()
    {
        Server.Dispose();
        Authority.Dispose();
    }
}
