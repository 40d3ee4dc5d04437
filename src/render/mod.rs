//! Turning data into text for people and machines: sizes, tables, documents.

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::DocumentFormat;

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

/// A table with esops's look: no outer borders, a header rule, wrapped to the terminal only when
/// there is one (piped output keeps whole lines).
pub fn table(header: &[&str], terminal: bool) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(if terminal { ContentArrangement::Dynamic } else { ContentArrangement::Disabled })
        .set_header(header.iter().map(|h| h.to_string()));
    t.set_style(comfy_table::TableComponent::HeaderLines, '-');
    t.set_style(comfy_table::TableComponent::MiddleHeaderIntersections, '-');
    t
}

/// A table's text: columns separated by two spaces, no leading or trailing spaces.
pub fn table_text(table: &mut Table) -> String {
    for column in table.column_iter_mut() {
        column.set_padding((0, 2));
    }
    let mut out = String::new();
    for line in table.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `value` as a JSON or YAML document; `None` for the table format, which each command draws itself.
pub fn document<T: Serialize>(value: &T, format: DocumentFormat) -> anyhow::Result<Option<String>> {
    Ok(match format {
        DocumentFormat::Table => None,
        DocumentFormat::Json => Some(format!("{}\n", serde_json::to_string_pretty(value)?)),
        DocumentFormat::Yaml => Some(serde_saphyr::to_string(value)?),
    })
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
    fn tables_have_no_trailing_spaces() {
        let mut t = table(&["a", "long header"], false);
        t.add_row(vec!["x", "y"]);
        let text = table_text(&mut t);
        assert!(text.lines().all(|l| !l.ends_with(' ') && !l.starts_with(' ')), "{text:?}");
        assert!(text.contains("long header"));
    }
}
