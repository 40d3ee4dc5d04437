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
}

/// Generates a CA and a server certificate signed by it.
pub fn generate() -> anyhow::Result<ServerTls> {
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

    let chain = vec![CertificateDer::from(server_cert.der().to_vec()), CertificateDer::from(ca_cert.der().to_vec())];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .context("TLS protocol versions")?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .context("TLS server certificate")?;
    Ok(ServerTls { acceptor: TlsAcceptor::from(Arc::new(config)), ca_pem: ca_cert.pem() })
}
