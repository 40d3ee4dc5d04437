//! Elasticsearch's `Regex.simpleMatch`: the wildcard patterns of index names, template patterns
//! and name filters. `*` matches any run of characters; everything else matches itself.
//! Shared by esops's core (retention, rollover, audit, export) and the sandbox.

/// True when `name` matches `pattern`. Linear and allocation-free (it runs per key of large
/// responses under `filter_path`): each literal part between stars is found leftmost, which is
/// enough when `*` is the only wildcard.
pub fn simple_match(pattern: &str, name: &str) -> bool {
    let Some(star) = pattern.find('*') else { return pattern == name };
    let Some(mut remaining) = name.strip_prefix(&pattern[..star]) else { return false };
    let rest = &pattern[star + 1..];
    let (middle, last) = match rest.rfind('*') {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => ("", rest),
    };
    for part in middle.split('*').filter(|p| !p.is_empty()) {
        match remaining.find(part) {
            Some(at) => remaining = &remaining[at + part.len()..],
            None => return false,
        }
    }
    remaining.len() >= last.len() && remaining.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_match_any_run() {
        assert!(simple_match("python-*", "python-logs"));
        assert!(simple_match("*logs*", "python-logs-x"));
        assert!(simple_match("a*b*c", "abc"));
        assert!(!simple_match("a*b*c", "acb"));
        assert!(simple_match("exact", "exact"));
        assert!(!simple_match("exact", "exactly"));
        assert!(!simple_match("ab*ba", "aba"));
        assert!(simple_match("*", ""));
        assert!(simple_match("logs-*-000001", "logs-app-2024-000001"));
        assert!(!simple_match("logs-*", "metrics-x"));
    }
}
