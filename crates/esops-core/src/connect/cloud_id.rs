//! Elastic Cloud IDs: `<name>:<base64("domain[:port]$es_uuid[$kibana_uuid]")>` → the cluster URL.

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Why a Cloud ID could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CloudIdError {
    /// No `:` between the deployment name and the encoded part.
    #[error("it has no `:` between the deployment name and the encoded part")]
    NoSeparator,
    /// Nothing before the first `:`.
    #[error("the deployment name before `:` is empty")]
    EmptyName,
    /// The part after `:` is not base64.
    #[error("the part after `:` is not valid base64")]
    NotBase64,
    /// The decoded payload is not text.
    #[error("the decoded part is not UTF-8 text")]
    NotUtf8,
    /// The payload lacks the `$es_uuid` part.
    #[error("the decoded part has no `$` between the domain and the Elasticsearch id")]
    TooFewParts,
    /// The domain is empty.
    #[error("the domain in the decoded part is empty")]
    EmptyDomain,
    /// The Elasticsearch id is empty.
    #[error("the Elasticsearch id in the decoded part is empty")]
    EmptyEsUuid,
    /// A `:port` suffix is not a port number.
    #[error("`{0}` is not a valid port")]
    BadPort(String),
    /// The parts do not make a valid host name.
    #[error("the decoded host `{0}` is not a valid host name")]
    BadHost(String),
}

/// Standard alphabet, padding optional: some Cloud IDs in the wild lack the trailing `=`.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decodes a Cloud ID into the Elasticsearch URL: `https://{es_uuid}.{domain}[:{port}]`.
///
/// Whitespace around the ID and its parts is ignored (IDs get pasted with newlines); the Kibana
/// part is ignored. A port may sit on the domain (`domain:9243$…`, the documented form) or, as
/// other Elastic clients accept, on the Elasticsearch id (`…$uuid:9243`), which then wins.
pub fn decode_cloud_id(cloud_id: &str) -> Result<url::Url, CloudIdError> {
    let (name, encoded) = cloud_id.trim().split_once(':').ok_or(CloudIdError::NoSeparator)?;
    if name.trim().is_empty() {
        return Err(CloudIdError::EmptyName);
    }
    let bytes = LENIENT_BASE64.decode(encoded.trim()).map_err(|_| CloudIdError::NotBase64)?;
    let payload = String::from_utf8(bytes).map_err(|_| CloudIdError::NotUtf8)?;
    let mut parts = payload.split('$').map(str::trim);
    let domain_part = parts.next().unwrap_or_default();
    let es_part = parts.next().ok_or(CloudIdError::TooFewParts)?;
    let (domain, domain_port) = split_port(domain_part)?;
    let (es_uuid, es_port) = split_port(es_part)?;
    if domain.is_empty() {
        return Err(CloudIdError::EmptyDomain);
    }
    if es_uuid.is_empty() {
        return Err(CloudIdError::EmptyEsUuid);
    }
    let host = format!("{es_uuid}.{domain}");
    let mut url = url::Url::parse(&format!("https://{host}")).map_err(|_| CloudIdError::BadHost(host.clone()))?;
    if url.host_str() != Some(host.to_ascii_lowercase().as_str()) {
        // The parse "succeeded" by reading part of the payload as a path or userinfo.
        return Err(CloudIdError::BadHost(host));
    }
    if let Some(port) = es_port.or(domain_port) {
        url.set_port(Some(port)).map_err(|()| CloudIdError::BadHost(host))?;
    }
    Ok(url)
}

fn split_port(part: &str) -> Result<(&str, Option<u16>), CloudIdError> {
    match part.split_once(':') {
        None => Ok((part, None)),
        Some((host, port)) => {
            let port = port.trim().parse().map_err(|_| CloudIdError::BadPort(port.to_string()))?;
            Ok((host.trim(), Some(port)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(payload: &str) -> String {
        format!("my_cluster:{}", base64::engine::general_purpose::STANDARD.encode(payload))
    }

    #[test]
    fn reference_example_without_port() {
        let url = decode_cloud_id(&id(
            "cloud-endpoint.example$3dadf823f05388497ea684236d918a1a$3f26e1609cf54a0f80137a80de560da4",
        ))
        .unwrap();
        assert_eq!(url.as_str(), "https://3dadf823f05388497ea684236d918a1a.cloud-endpoint.example/");
    }

    #[test]
    fn port_on_the_domain_is_kept() {
        let url = decode_cloud_id(&id("cloud-endpoint.example:4463$abc$def")).unwrap();
        assert_eq!(url.as_str(), "https://abc.cloud-endpoint.example:4463/");
    }

    #[test]
    fn port_on_the_es_uuid_wins() {
        let url = decode_cloud_id(&id("cloud-endpoint.example:4463$abc:9243$def")).unwrap();
        assert_eq!(url.port(), Some(9243));
    }

    #[test]
    fn missing_padding_and_whitespace_are_tolerated() {
        let padded = id("cloud-endpoint.example$abc");
        assert!(padded.ends_with('='), "the test needs a padded encoding: {padded}");
        let unpadded = format!("  {}\n", padded.trim_end_matches('='));
        assert_eq!(decode_cloud_id(&unpadded).unwrap().as_str(), "https://abc.cloud-endpoint.example/");
        let spaced = id(" cloud-endpoint.example $ abc $ def");
        assert_eq!(decode_cloud_id(&spaced).unwrap().as_str(), "https://abc.cloud-endpoint.example/");
    }

    #[test]
    fn malformed_ids_say_what_is_wrong() {
        assert_eq!(decode_cloud_id("no-colon"), Err(CloudIdError::NoSeparator));
        assert_eq!(decode_cloud_id(&id("a$b").replacen("my_cluster", "", 1)), Err(CloudIdError::EmptyName));
        assert_eq!(decode_cloud_id("x:!!!"), Err(CloudIdError::NotBase64));
        assert_eq!(decode_cloud_id(&id("only-a-domain")), Err(CloudIdError::TooFewParts));
        assert_eq!(decode_cloud_id(&id("$abc")), Err(CloudIdError::EmptyDomain));
        assert_eq!(decode_cloud_id(&id("example.com$")), Err(CloudIdError::EmptyEsUuid));
        assert_eq!(decode_cloud_id(&id("example.com:http$abc")), Err(CloudIdError::BadPort("http".into())));
        assert_eq!(decode_cloud_id(&id("exa mple.com$abc")), Err(CloudIdError::BadHost("abc.exa mple.com".into())));
    }
}
