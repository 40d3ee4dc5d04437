//! The Elasticsearch version the sandbox pretends to be, for behaviour that differs between versions.

use std::fmt;

/// A `major.minor.patch` Elasticsearch version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct EsVersion {
    /// Major version (7, 8, 9).
    pub major: u32,
    /// Minor version.
    pub minor: u32,
    /// Patch version.
    pub patch: u32,
}

impl EsVersion {
    /// The version the sandbox emulates unless told otherwise.
    pub const DEFAULT: EsVersion = EsVersion { major: 8, minor: 15, patch: 0 };

    /// Builds a version.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        EsVersion { major, minor, patch }
    }

    /// Parses `8.15.0`, `8.15` or `9`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut parts = s.trim().split('.');
        let mut next = |what: &str, required: bool| -> Result<u32, String> {
            match parts.next() {
                Some(p) => p.parse().map_err(|_| format!("invalid {what} version [{p}] in [{s}]")),
                None if required => Err(format!("invalid version [{s}]: expected MAJOR.MINOR.PATCH")),
                None => Ok(0),
            }
        };
        let v = EsVersion { major: next("major", true)?, minor: next("minor", false)?, patch: next("patch", false)? };
        if !(7..=9).contains(&v.major) {
            return Err(format!("unsupported Elasticsearch version [{s}]: the sandbox emulates 7.17, 8.x and 9.x"));
        }
        Ok(v)
    }

    /// True when this version is at least `major.minor`.
    pub fn at_least(&self, major: u32, minor: u32) -> bool {
        (self.major, self.minor) >= (major, minor)
    }
}

impl Default for EsVersion {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for EsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_compares() {
        let v = EsVersion::parse("8.15.0").unwrap();
        assert!(v.at_least(8, 4));
        assert!(!v.at_least(9, 0));
        assert_eq!(EsVersion::parse("7.17").unwrap(), EsVersion::new(7, 17, 0));
        assert!(EsVersion::parse("6.8.0").is_err());
        assert!(EsVersion::parse("x").is_err());
    }
}
