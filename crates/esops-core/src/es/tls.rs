//! The TLS side of a connection, built once from the resolved settings: which certificates are
//! trusted (the operating system's store plus `ca_cert`, a pinned fingerprint, or nothing with
//! `--insecure`) and the client certificate presented for mutual TLS.
//!
//! esops builds the rustls configuration itself instead of leaving it to the HTTP client because
//! pinning needs a verifier of its own: the fingerprint is checked inside the handshake, before
//! any credential is sent.

use std::fmt;
use std::sync::Arc;

use rustls::DigitallySignedStruct;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};

use crate::connect::{CaFingerprint, ResolvedConnection};

/// The rustls client configuration for `conn`.
pub(crate) fn client_config(
    conn: &ResolvedConnection,
    mismatches: &MismatchSlot,
) -> anyhow::Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| anyhow::anyhow!("cannot set up TLS: {e}"))?;
    let builder = if conn.insecure.0 {
        let verifier = PinnedCertificate { pin: None, provider, mismatches: mismatches.clone() };
        builder.dangerous().with_custom_certificate_verifier(Arc::new(verifier))
    } else if let Some((pin, _)) = &conn.ca_fingerprint {
        let verifier = PinnedCertificate { pin: Some(*pin), provider, mismatches: mismatches.clone() };
        builder.dangerous().with_custom_certificate_verifier(Arc::new(verifier))
    } else {
        builder.with_root_certificates(trusted_roots(conn)?)
    };
    let mut config = match &conn.client_identity {
        Some(identity) => builder
            .with_client_auth_cert(identity.chain.clone(), identity.private_key.clone_key())
            .map_err(|e| anyhow::anyhow!("cannot use the client certificate {}: {e}", identity.cert.0.display()))?,
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// The operating system's CA store and Mozilla's roots (for machines without a store), plus the
/// `ca_cert` file when there is one.
fn trusted_roots(conn: &ResolvedConnection) -> anyhow::Result<rustls::RootCertStore> {
    let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    // A machine without a CA store (a scratch container) is no error while `ca_cert` names the CA.
    let native = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(native.certs);
    if let Some((path, _)) = &conn.ca_cert {
        let pem = std::fs::read(path)
            .map_err(|e| anyhow::anyhow!("cannot read the CA certificate {}: {e}", path.display()))?;
        for cert in CertificateDer::pem_slice_iter(&pem) {
            let cert = cert.map_err(|e| {
                anyhow::anyhow!(
                    "{} is not a PEM certificate ({e}); --ca-cert expects the CA in PEM form",
                    path.display()
                )
            })?;
            roots.add(cert).map_err(|e| {
                anyhow::anyhow!("{} holds a certificate rustls cannot use as a CA: {e}", path.display())
            })?;
        }
    }
    Ok(roots)
}

/// The pinned certificate was not in the chain the server presented. Carried inside rustls's
/// error so that the HTTP layer can report both fingerprints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FingerprintMismatch {
    /// What was pinned.
    pub expected: CaFingerprint,
    /// The fingerprints of the certificates the server presented, leaf first.
    pub presented: Vec<CaFingerprint>,
}

impl fmt::Display for FingerprintMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no certificate the cluster presented has the pinned SHA-256 fingerprint {}; it presented ",
            self.expected
        )?;
        for (i, fingerprint) in self.presented.iter().enumerate() {
            let role = if i == 0 { "certificate" } else { "CA" };
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{role} {fingerprint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FingerprintMismatch {}

/// Accepts the server when its leaf certificate has the pinned fingerprint, or when the leaf
/// chains (through the certificates it sent) to a CA that has it. The chain is verified rather
/// than merely searched: a CA certificate is public, and anyone can send it along with a leaf of
/// their own. As with Elasticsearch's own clients and the Terraform provider, the host name is
/// not checked: the pin names the cluster's CA, which is narrower than any name.
///
/// Without a pin (`--insecure`) any certificate is accepted; the handshake signature is still
/// checked (it proves nothing without a trusted certificate, but a broken one means a broken server).
#[derive(Debug)]
struct PinnedCertificate {
    pin: Option<CaFingerprint>,
    provider: Arc<CryptoProvider>,
    mismatches: MismatchSlot,
}

impl ServerCertVerifier for PinnedCertificate {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(pin) = self.pin else {
            return Ok(ServerCertVerified::assertion());
        };
        if CaFingerprint::of(end_entity) == pin {
            return Ok(ServerCertVerified::assertion());
        }
        let pinned_ca = intermediates.iter().find(|ca| CaFingerprint::of(ca) == pin);
        let Some(ca) = pinned_ca else {
            let presented = std::iter::once(end_entity).chain(intermediates).map(|c| CaFingerprint::of(c)).collect();
            let mismatch = FingerprintMismatch { expected: pin, presented };
            self.mismatches.record(mismatch.clone());
            return Err(rustls::Error::InvalidCertificate(rustls::CertificateError::Other(rustls::OtherError(
                Arc::new(mismatch),
            ))));
        };
        let mut roots = rustls::RootCertStore::empty();
        roots.add(ca.clone().into_owned())?;
        let leaf = rustls::server::ParsedCertificate::try_from(end_entity)?;
        rustls::client::verify_server_cert_signed_by_trust_anchor(
            &leaf,
            &roots,
            intermediates,
            now,
            self.provider.signature_verification_algorithms.all,
        )?;
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// The last pin mismatch a handshake of one client met. rustls reports a verifier's error
/// through several layers (hyper-rustls, hyper, reqwest) that flatten it to text; the verifier
/// keeps the structured error here for the HTTP layer to report.
#[derive(Debug, Clone, Default)]
pub(crate) struct MismatchSlot(Arc<std::sync::Mutex<Option<FingerprintMismatch>>>);

impl MismatchSlot {
    fn record(&self, mismatch: FingerprintMismatch) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(mismatch);
    }

    /// The recorded mismatch, if a handshake met one.
    pub(crate) fn take(&self) -> Option<FingerprintMismatch> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}
