//! Turning data into text for people and machines: sizes, tables, documents.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

/// Bytes in binary units with one decimal, the way operators read disk sizes: `23.4 GiB`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// A duration the way operators say an index's age: the two largest units, `3d 4h`, `5h 12m`,
/// `42s`. Unsigned: an age is never negative (see [`age_cell`]).
pub fn human_age(millis: u64) -> String {
    const UNITS: [(u64, &str); 4] = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1_000, "s")];
    let mut rest = millis;
    let mut parts = Vec::new();
    for (size, unit) in UNITS {
        if rest >= size || (parts.is_empty() && unit == "s") {
            parts.push(format!("{}{unit}", rest / size));
            rest %= size;
        } else if !parts.is_empty() {
            break;
        }
        if parts.len() == 2 {
            break;
        }
    }
    parts.join(" ")
}

/// An age for a table cell: [`human_age`], or `-` when it is unknown: absent, or negative because
/// the time it counts from is after now (a cluster clock ahead of this machine's).
pub fn age_cell(millis: Option<i64>) -> String {
    millis.and_then(|m| u64::try_from(m).ok()).map(human_age).unwrap_or_else(|| "-".into())
}

/// A table with esops's look: no outer borders, a header rule, wrapped to the terminal only when
/// there is one (piped output keeps whole lines).
/// A pseudo-terminal that reports no usable width (0 columns under `script`, some CI runners) is
/// treated as none: its tables are not squeezed to a character per column.
pub fn table(header: &[&str], terminal: bool) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
    if terminal_width(terminal).is_none() {
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t.set_header(header.iter().map(|h| h.to_string()));
    t.set_style(comfy_table::TableComponent::HeaderLines, '-');
    t.set_style(comfy_table::TableComponent::MiddleHeaderIntersections, '-');
    t
}

/// Keeps the cells of `columns` whole when a table is fitted to the terminal: an index name, a URL
/// or a path is never split across lines; the other columns wrap instead.
pub fn keep_whole(table: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

/// A table's text: columns separated by two spaces, no leading or trailing spaces, and the
/// header's underline as long as the widest line (not the last column's padding longer).
pub fn table_text(table: &mut Table) -> String {
    for column in table.column_iter_mut() {
        column.set_padding((0, 2));
    }
    let lines: Vec<String> = table.lines().map(|l| l.trim_end().to_string()).collect();
    let is_rule = |l: &str| !l.is_empty() && l.chars().all(|c| c == '-');
    let widest = lines.iter().filter(|l| !is_rule(l)).map(|l| l.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for line in lines {
        if is_rule(&line) {
            out.push_str(&"-".repeat(widest));
        } else {
            out.push_str(&line);
        }
        out.push('\n');
    }
    out
}

/// The terminal's width when drawing for one (what tables fit themselves to); `None` otherwise.
pub fn terminal_width(terminal: bool) -> Option<usize> {
    // A pseudo-terminal nobody sized (`script`, some CI runners) reports 0 columns: not a width.
    if terminal { Table::new().width().map(usize::from).filter(|w| *w >= MIN_WIDTH) } else { None }
}

/// Narrower than this, a "width" is not one to fit text to.
const MIN_WIDTH: usize = 20;

/// A message fitted to `width` columns: each of its lines longer than that is wrapped between
/// words, continuation lines indented by two, so that an index name, a URL or a path is never split
/// (one longer than the width stays whole on its own line). Lines that fit are left as they are.
pub fn wrap_message(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|line| if line.chars().count() > width { wrap(line, 2, width) } else { line.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Greedy word wrap at `width` columns, every line after the first indented by `indent`.
pub fn wrap(text: &str, indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = indent;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > indent && line_len + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line_len = indent;
        } else if line_len > indent {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

/// `text` cut to at most `width` characters, ending in `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// CSV (RFC 4180) with a header line; fields quoted only when they need it.
pub fn csv_rows(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = header.join(",");
    out.push('\n');
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// A markdown table cell: pipes escaped, one line.
pub fn md_cell(value: &str) -> String {
    // `<index>` would be taken for an HTML tag and vanish.
    value.replace('|', "\\|").replace('<', "&lt;").replace('>', "&gt;").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_in_binary_units() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(1023), "1023 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(25_125_558_681), "23.4 GiB");
        assert_eq!(human_bytes(1 << 40), "1.0 TiB");
    }

    #[test]
    fn ages_in_two_units() {
        assert_eq!(human_age(0), "0s");
        assert_eq!(human_age(42_000), "42s");
        assert_eq!(human_age(3 * 86_400_000 + 4 * 3_600_000 + 5_000), "3d 4h");
        assert_eq!(human_age(86_400_000 + 30_000), "1d");
        assert_eq!(human_age(5 * 3_600_000 + 12 * 60_000), "5h 12m");
    }

    #[test]
    fn an_age_counted_from_a_time_after_now_is_unknown_not_negative() {
        assert_eq!(age_cell(Some(-2 * 86_400_000)), "-");
        assert_eq!(age_cell(None), "-");
        assert_eq!(age_cell(Some(42_000)), "42s");
    }

    #[test]
    fn a_narrow_terminal_wraps_the_other_columns_and_keeps_whole_ones_whole() {
        let url = "https://logs-prod-eu-west-1.es.example.com:9243";
        let mut t = table(&["NAME", "ENDPOINT", "AUTH"], true);
        t.add_row(vec!["prod-eu", url, "api key from the environment variable ESOPS_PROD_EU_KEY"]);
        keep_whole(&mut t, &[0, 1]);
        // As on an 80-column terminal (a test has none).
        t.set_width(80).set_content_arrangement(ContentArrangement::Dynamic);
        let text = table_text(&mut t);
        assert!(text.lines().any(|l| l.contains(url)), "{text}");
        assert!(text.lines().count() > 3, "the AUTH column wraps instead: {text}");
    }

    #[test]
    fn messages_wrap_between_words_and_never_split_an_index_name() {
        let index = "python-logs-2024.03.03-with-a-very-long-suffix-000001";
        let message =
            format!("error: cannot delete {index}: it is the write index of alias python-logs\nhint: roll over first");
        let wrapped = wrap_message(&message, 40);
        let whole = |l: &str| l.trim().trim_end_matches(':') == index;
        assert!(wrapped.lines().all(|l| l.chars().count() <= 40 || whole(l)), "{wrapped}");
        assert!(wrapped.lines().any(whole), "the name stays whole on its own line:\n{wrapped}");
        assert!(wrapped.ends_with("\nhint: roll over first"), "a line that fits is left alone:\n{wrapped}");
        assert_eq!(wrap_message("short\n  aligned   columns", 40), "short\n  aligned   columns");
    }

    #[test]
    fn wrapping_keeps_words_and_indents() {
        let text = wrap("aaa bbb ccc ddd", 2, 9);
        assert_eq!(text, "aaa bbb\n  ccc ddd");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("abcdef", 6), "abcdef");
        assert_eq!(truncate("abcdefg", 6), "abcde…");
        assert_eq!(truncate("éééé", 3), "éé…");
    }

    #[test]
    fn csv_and_markdown_escape() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_rows(&["a", "b"], vec![vec!["1".into(), "x,y".into()]]), "a,b\n1,\"x,y\"\n");
        assert_eq!(md_cell("a|b"), "a\\|b");
        assert_eq!(md_cell("POST <index>/_ilm/retry"), "POST &lt;index&gt;/_ilm/retry");
    }

    #[test]
    fn tables_have_no_trailing_spaces() {
        let mut t = table(&["a", "long header"], false);
        t.add_row(vec!["x", "y"]);
        let text = table_text(&mut t);
        assert!(text.lines().all(|l| !l.ends_with(' ') && !l.starts_with(' ')), "{text:?}");
        assert!(text.contains("long header"));
    }
}
