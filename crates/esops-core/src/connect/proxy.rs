//! Proxies: parsing a proxy URL, and the `NO_PROXY` rules of curl and most HTTP clients.

use std::net::IpAddr;

use super::{ConnectError, ProxySetting, Secret, SettingSource};

/// A proxy setting as written: a URL, or `none` for "no proxy" (so a context or `ESOPS_PROXY`
/// can switch off a proxy that the generic variables would otherwise apply).
pub(crate) fn parse_proxy(raw: &str, origin: &SettingSource) -> Result<ProxySetting, ConnectError> {
    let raw = raw.trim();
    if raw.eq_ignore_ascii_case("none") {
        return Ok(ProxySetting::Direct);
    }
    let invalid = |reason: String| ConnectError::InvalidProxy {
        url: super::resolve::redact_userinfo(raw),
        origin: origin.clone(),
        reason,
    };
    // curl takes `proxy.example:3128` as `http://proxy.example:3128`; so do we.
    let with_scheme = if raw.contains("://") { raw.to_string() } else { format!("http://{raw}") };
    let mut url = url::Url::parse(&with_scheme).map_err(|e| invalid(format!("{e}; expected http://HOST:PORT")))?;
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(invalid(format!(
                "the scheme is `{other}`; esops speaks to HTTP proxies (http:// or https://), not SOCKS"
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host".into()));
    }
    let user = Some(super::resolve::percent_decode(url.username())).filter(|u| !u.is_empty());
    let password = url.password().map(|p| Secret::new(super::resolve::percent_decode(p)));
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Ok(ProxySetting::Via { url, user, password })
}

/// True when `no_proxy` (a `NO_PROXY` value) exempts `host`: `*`; a host name, matching itself
/// and its subdomains (`example.com` and `.example.com` both match `es.example.com`); an IP
/// address; or an IP range in CIDR notation (`10.0.0.0/8`). Ports in entries are ignored, as curl
/// does. Loopback is not exempt by default: `NO_PROXY` says what it says.
pub fn no_proxy_matches(no_proxy: &str, host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    let host_ip: Option<IpAddr> = host.parse().ok();
    no_proxy.split(',').map(str::trim).filter(|e| !e.is_empty()).any(|entry| {
        if entry == "*" {
            return true;
        }
        if let Some((net, bits)) = entry.split_once('/') {
            return match (host_ip, net.parse::<IpAddr>(), bits.parse::<u32>()) {
                (Some(ip), Ok(net), Ok(bits)) => in_cidr(ip, net, bits),
                _ => false,
            };
        }
        let entry = entry.trim_start_matches('[');
        let entry = match entry.split_once(']') {
            Some((ip, _port)) => ip.to_string(),
            // A bare IPv6 address has colons but no port.
            None if entry.parse::<IpAddr>().is_ok() => entry.to_string(),
            None => entry.rsplit_once(':').map_or(entry, |(h, _)| h).to_string(),
        };
        let entry = entry.to_ascii_lowercase();
        if let (Some(ip), Ok(entry_ip)) = (host_ip, entry.parse::<IpAddr>()) {
            return ip == entry_ip;
        }
        let domain = entry.trim_start_matches('.');
        host == domain || host.ends_with(&format!(".{domain}"))
    })
}

fn in_cidr(ip: IpAddr, net: IpAddr, bits: u32) -> bool {
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) if bits <= 32 => {
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) if bits <= 128 => {
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - bits) };
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_matches_hosts_domains_ips_and_ranges() {
        assert!(no_proxy_matches("*", "es.example.com"));
        assert!(no_proxy_matches("example.com", "es.example.com"));
        assert!(no_proxy_matches(".example.com", "es.example.com"));
        assert!(no_proxy_matches("localhost, es.example.com:9200", "es.example.com"));
        assert!(!no_proxy_matches("example.com", "notexample.com"));
        assert!(no_proxy_matches("10.0.0.0/8", "10.1.2.3"));
        assert!(!no_proxy_matches("10.0.0.0/8", "11.1.2.3"));
        assert!(no_proxy_matches("127.0.0.1", "127.0.0.1"));
        assert!(no_proxy_matches("::1", "[::1]"));
        assert!(!no_proxy_matches("", "127.0.0.1"));
    }

    #[test]
    fn proxy_urls_without_scheme_are_http_and_credentials_are_split_off() {
        let origin = SettingSource::Flag("--proxy");
        match parse_proxy("u:p%40ss@proxy.corp:3128", &origin).unwrap() {
            ProxySetting::Via { url, user, password } => {
                assert_eq!(url.as_str(), "http://proxy.corp:3128/");
                assert_eq!(user.as_deref(), Some("u"));
                assert_eq!(password.unwrap().expose(), "p@ss");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(parse_proxy("None", &origin).unwrap(), ProxySetting::Direct);
        let err = parse_proxy("socks5://u:secret@proxy:1080", &origin).unwrap_err().to_string();
        assert!(err.contains("not SOCKS") && !err.contains("secret"), "{err}");
    }
}
