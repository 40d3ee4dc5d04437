//! TLS material named by the connection settings: a pinned CA fingerprint, and a client
//! certificate with its key for mutual TLS, read and checked when the connection is resolved so
//! that a wrong file is reported with the setting that named it, before anything is sent.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::{self, PemObject};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::{ConnectError, SettingSource};

/// The SHA-256 fingerprint of a certificate: what Elasticsearch prints at first start for its
/// HTTP CA ("HTTP CA certificate SHA-256 fingerprint"), what the Terraform provider's
/// `ca_fingerprint` and the Beats' `ca_trusted_fingerprint` take, and what
/// `openssl x509 -fingerprint -sha256` shows (with colons).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CaFingerprint([u8; 32]);

impl CaFingerprint {
    /// Reads a fingerprint written as 64 hex digits, with or without `:` between the bytes
    /// (either case), optionally after `sha256:`, `SHA256:` or `sha256 Fingerprint=` (openssl's line).
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let body = trimmed.rsplit(['=', ' ']).next().unwrap_or(trimmed);
        let body = body.strip_prefix("sha256:").or_else(|| body.strip_prefix("SHA256:")).unwrap_or(body);
        let hex: String = body.chars().filter(|c| *c != ':').collect();
        if hex.len() != 64 {
            return Err(format!(
                "a SHA-256 fingerprint has 64 hex digits, this has {}; copy it from Elasticsearch's first-start \
                 output or from `openssl x509 -noout -fingerprint -sha256 -in http_ca.crt`",
                hex.len()
            ));
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16)
                .map_err(|_| format!("`{}` is not a hex number", &hex[2 * i..2 * i + 2]))?;
        }
        Ok(CaFingerprint(bytes))
    }

    /// The fingerprint of a DER-encoded certificate.
    pub fn of(der: &[u8]) -> Self {
        let digest = ring::digest::digest(&ring::digest::SHA256, der);
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(digest.as_ref());
        CaFingerprint(bytes)
    }
}

/// Lower-case hex without separators, as Elasticsearch prints it.
impl fmt::Display for CaFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for CaFingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CaFingerprint({self})")
    }
}

/// A client certificate chain and its private key, read from PEM files and checked to belong
/// together. `Debug` never shows the key.
pub struct ClientIdentity {
    /// The certificate file and where it was named.
    pub cert: (PathBuf, SettingSource),
    /// The key file and where it was named.
    pub key: (PathBuf, SettingSource),
    /// The certificates, leaf first.
    pub chain: Vec<CertificateDer<'static>>,
    /// The private key.
    pub private_key: PrivateKeyDer<'static>,
}

impl Clone for ClientIdentity {
    fn clone(&self) -> Self {
        ClientIdentity {
            cert: self.cert.clone(),
            key: self.key.clone(),
            chain: self.chain.clone(),
            private_key: self.private_key.clone_key(),
        }
    }
}

impl fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientIdentity")
            .field("cert", &self.cert)
            .field("key", &self.key)
            .field("chain", &self.chain.len())
            .finish_non_exhaustive()
    }
}

impl ClientIdentity {
    /// Reads `cert` and `key` (PEM). Every way this goes wrong names the file and the setting:
    /// unreadable, no certificate, an encrypted or unsupported key, a key of another certificate.
    pub fn load(cert: (PathBuf, SettingSource), key: (PathBuf, SettingSource)) -> Result<Self, ConnectError> {
        let chain = read_chain(&cert.0).map_err(|reason| client_file_error("client certificate", &cert, reason))?;
        let private_key = read_key(&key.0).map_err(|reason| client_file_error("client key", &key, reason))?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let signing_key = provider.key_provider.load_private_key(private_key.clone_key()).map_err(|e| {
            client_file_error(
                "client key",
                &key,
                format!("is not a key rustls can sign with ({e}); use RSA, ECDSA P-256/P-384 or Ed25519"),
            )
        })?;
        let certified = rustls::sign::CertifiedKey::new(chain.clone(), signing_key);
        match certified.keys_match() {
            Ok(()) | Err(rustls::Error::InconsistentKeys(rustls::InconsistentKeys::Unknown)) => {}
            Err(rustls::Error::InconsistentKeys(rustls::InconsistentKeys::KeyMismatch)) => {
                return Err(ConnectError::ClientKeyMismatch {
                    cert: cert.0.clone(),
                    cert_origin: Box::new(cert.1.clone()),
                    key: key.0.clone(),
                    key_origin: Box::new(key.1.clone()),
                });
            }
            Err(e) => return Err(client_file_error("client certificate", &cert, format!("cannot be parsed: {e}"))),
        }
        Ok(ClientIdentity { cert, key, chain, private_key })
    }
}

fn client_file_error(what: &'static str, (path, origin): &(PathBuf, SettingSource), reason: String) -> ConnectError {
    ConnectError::ClientCertFile { what, path: path.clone(), origin: origin.clone(), reason }
}

fn read_pem_file(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "does not exist".to_string(),
        _ => format!("cannot be read: {e}"),
    })
}

fn read_chain(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let bytes = read_pem_file(path)?;
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("is not valid PEM ({e})"))?;
    if chain.is_empty() {
        return Err("holds no PEM certificate (-----BEGIN CERTIFICATE-----); if it is DER, convert it: \
                    openssl x509 -inform der -in FILE -out client.pem"
            .into());
    }
    Ok(chain)
}

fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>, String> {
    let bytes = read_pem_file(path)?;
    let text = String::from_utf8_lossy(&bytes);
    // Both PKCS#8 (`ENCRYPTED PRIVATE KEY`) and OpenSSL's traditional format (`Proc-Type: 4,ENCRYPTED`).
    if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED") {
        return Err("is encrypted with a passphrase, which esops cannot ask for; decrypt it into a file only you \
                    can read: openssl pkey -in KEY -out client-key.pem (then chmod 600)"
            .into());
    }
    match PrivateKeyDer::from_pem_slice(&bytes) {
        Ok(key) => Ok(key),
        Err(pem::Error::NoItemsFound) if text.contains("-----BEGIN CERTIFICATE-----") => {
            Err("holds a certificate but no private key; give the key file (-----BEGIN PRIVATE KEY-----)".into())
        }
        Err(pem::Error::NoItemsFound) => {
            Err("holds no PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)".into())
        }
        Err(e) => Err(format!("is not valid PEM ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_read_as_elasticsearch_and_openssl_print_them() {
        let es = "e1f9a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1";
        let parsed = CaFingerprint::parse(es).unwrap();
        assert_eq!(parsed.to_string(), es);
        let openssl = format!(
            "sha256 Fingerprint={}",
            es.as_bytes()
                .chunks(2)
                .map(|c| std::str::from_utf8(c).unwrap().to_uppercase())
                .collect::<Vec<_>>()
                .join(":")
        );
        assert_eq!(CaFingerprint::parse(&openssl).unwrap(), parsed);
        assert!(CaFingerprint::parse("e1f9").unwrap_err().contains("64 hex digits, this has 4"));
        assert!(CaFingerprint::parse(&"zz".repeat(32)).unwrap_err().contains("not a hex number"));
    }
}
