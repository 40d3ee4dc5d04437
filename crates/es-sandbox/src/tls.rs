//! A throwaway certificate authority and server certificate for `127.0.0.1` / `localhost`,
//! generated at start so that TLS clients can be tested with `--ca-cert` like against a real
//! cluster's `http_ca.crt`.

use std::sync::Arc;

use anyhow::Context;
use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::TlsAcceptor;

/// The generated material: the acceptor for the server and the CA certificate for clients.
pub struct ServerTls {
    /// Accepts TLS connections with the server certificate.
    pub acceptor: TlsAcceptor,
    /// PEM of the CA that signed the server certificate.
    pub ca_pem: String,
    /// SHA-256 of the CA certificate (DER), lower-case hex: what Elasticsearch prints at first start
    /// as "HTTP CA certificate SHA-256 fingerprint".
    pub ca_fingerprint: String,
    /// A client certificate signed by the same CA, for mutual TLS (PEM), and its key.
    pub client: ClientPair,
}

/// A client certificate and its private key, PEM.
#[derive(Debug, Clone)]
pub struct ClientPair {
    /// The certificate (CN `esops-client`), signed by the sandbox CA.
    pub cert_pem: String,
    /// Its private key (PKCS#8).
    pub key_pem: String,
}

/// Whether the server asks for a client certificate, as ES's
/// `xpack.security.http.ssl.client_authentication` (`none` or `required`; `optional` is not emulated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientAuthentication {
    /// No client certificate is asked for (ES's default for HTTP).
    #[default]
    None,
    /// The handshake fails without a certificate signed by the sandbox CA.
    Required,
}

/// Lower-case hex SHA-256 of `der`.
pub fn sha256_hex(der: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, der).as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// Generates a CA, a server certificate and a client certificate signed by it.
pub fn generate(client_auth: ClientAuthentication) -> anyhow::Result<ServerTls> {
    let ca_key = KeyPair::generate().context("generating the sandbox CA key")?;
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).context("sandbox CA parameters")?;
    let mut ca_name = DistinguishedName::new();
    ca_name.push(DnType::CommonName, "esops sandbox CA");
    ca_params.distinguished_name = ca_name;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages =
        vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    let ca_cert = ca_params.self_signed(&ca_key).context("self-signing the sandbox CA")?;

    let server_key = KeyPair::generate().context("generating the sandbox server key")?;
    let mut server_params =
        CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string(), "::1".to_string()])
            .context("sandbox server certificate parameters")?;
    let mut server_name = DistinguishedName::new();
    server_name.push(DnType::CommonName, "esops-sandbox");
    server_params.distinguished_name = server_name;
    let server_cert =
        server_params.signed_by(&server_key, &ca_cert, &ca_key).context("signing the sandbox server certificate")?;

    let client_key = KeyPair::generate().context("generating the sandbox client key")?;
    let mut client_params = CertificateParams::new(Vec::<String>::new()).context("sandbox client parameters")?;
    let mut client_name = DistinguishedName::new();
    client_name.push(DnType::CommonName, "esops-client");
    client_params.distinguished_name = client_name;
    client_params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    let client_cert =
        client_params.signed_by(&client_key, &ca_cert, &ca_key).context("signing the sandbox client certificate")?;

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let chain = vec![CertificateDer::from(server_cert.der().to_vec()), CertificateDer::from(ca_cert.der().to_vec())];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .context("TLS protocol versions")?;
    let builder = match client_auth {
        ClientAuthentication::None => builder.with_no_client_auth(),
        ClientAuthentication::Required => {
            let mut roots = rustls::RootCertStore::empty();
            roots.add(CertificateDer::from(ca_cert.der().to_vec())).context("trusting the sandbox CA")?;
            let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .context("the client certificate verifier")?;
            builder.with_client_cert_verifier(verifier)
        }
    };
    let config = builder.with_single_cert(chain, key).context("TLS server certificate")?;
    Ok(ServerTls {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        ca_pem: ca_cert.pem(),
        ca_fingerprint: sha256_hex(ca_cert.der()),
        client: ClientPair { cert_pem: client_cert.pem(), key_pem: client_key.serialize_pem() },
    })
}
