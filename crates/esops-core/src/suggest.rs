//! "Did you mean …?": the closest known name to a misspelt one, for config keys, resource keys,
//! phases, actions, processors and settings alike.

/// The closest of `candidates` to `given`, if it is close enough to be a typo. `-` and `_` are
/// treated alike (kubectl spells `current-context` with a dash), and so are upper and lower case.
pub fn did_you_mean<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace('-', "_");
    let given = norm(given);
    candidates
        .iter()
        .map(|c| (edit_distance(&given, &norm(c)), *c))
        .filter(|&(d, c)| d <= (c.len() / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("api_key_env", "api_key_env"), 0);
        assert_eq!(edit_distance("apikey_env", "api_key_env"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn did_you_mean_tolerates_dashes_and_rejects_far_keys() {
        assert_eq!(did_you_mean("current-context", &["current_context", "contexts"]), Some("current_context"));
        assert_eq!(did_you_mean("passwrd_file", &["password_file", "password"]), Some("password_file"));
        assert_eq!(did_you_mean("colour", &["url", "user"]), None);
        assert_eq!(did_you_mean("forcemrge", &["forcemerge", "shrink"]), Some("forcemerge"));
    }
}
