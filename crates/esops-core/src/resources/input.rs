//! Reading one input file (a tree's YAML, a pipeline test case) safely: only regular files, up to
//! a size limit, as UTF-8 — and a clear error naming the file for everything else, so that a FIFO
//! never blocks a run, `/dev/zero` never fills memory, and a dangling link is never skipped.

use std::fs;
use std::io::Read;
use std::path::Path;

/// The largest input file esops reads (16 MiB): an export of thousands of resources is a few
/// MiB; anything larger is not a config tree.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// What `path` is when it is not something esops reads, or `None` for a regular file (after
/// following links).
pub fn not_a_regular_file(path: &Path) -> Option<String> {
    let link = fs::symlink_metadata(path).ok().is_some_and(|m| m.file_type().is_symlink());
    match fs::metadata(path) {
        Err(e) if link && e.raw_os_error() == Some(40) => Some("a symbolic link that loops".into()),
        Err(_) if link => Some("a dangling symbolic link (its target does not exist)".into()),
        Err(e) => Some(format!("unreadable ({e})")),
        Ok(m) if m.is_file() => None,
        Ok(m) if m.is_dir() => Some("a folder".into()),
        Ok(m) => Some(special_kind(&m).into()),
    }
}

#[cfg(unix)]
fn special_kind(m: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::Metadata) -> &'static str {
    "not a regular file"
}

/// The text of the regular file `path`, refusing anything else, files over [`MAX_INPUT_BYTES`],
/// and text that is not UTF-8 (with the line, column and byte offset of the first bad byte).
pub fn read_text_file(path: &Path) -> anyhow::Result<String> {
    if let Some(what) = not_a_regular_file(path) {
        anyhow::bail!("{}: is {what}; esops reads only regular files (remove it or fix the link)", path.display());
    }
    let file = fs::File::open(path).map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        anyhow::bail!(
            "{}: larger than {} MiB, the most esops reads from one file; split it into several files",
            path.display(),
            MAX_INPUT_BYTES / 1024 / 1024
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        anyhow::anyhow!(
            "{}:{line}:{column}: not UTF-8 (byte offset {offset}, byte 0x{:02x}); save the file as UTF-8",
            path.display(),
            e.as_bytes()[offset]
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_is_reported_with_line_column_and_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.yaml");
        fs::write(&path, b"kind: ilm_policy\nname: caf\xe9\n").unwrap();
        let err = read_text_file(&path).unwrap_err().to_string();
        assert_eq!(
            err,
            format!("{}:2:10: not UTF-8 (byte offset 26, byte 0xe9); save the file as UTF-8", path.display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_that_dangle_or_loop_and_devices_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let dangling = dir.path().join("gone.yaml");
        std::os::unix::fs::symlink(dir.path().join("nowhere.yaml"), &dangling).unwrap();
        let looping = dir.path().join("loop.yaml");
        std::os::unix::fs::symlink(&looping, &looping).unwrap();
        assert_eq!(not_a_regular_file(&dangling).unwrap(), "a dangling symbolic link (its target does not exist)");
        assert_eq!(not_a_regular_file(&looping).unwrap(), "a symbolic link that loops");
        assert_eq!(not_a_regular_file(Path::new("/dev/null")).unwrap(), "a character device");
        let err = read_text_file(Path::new("/dev/zero")).unwrap_err().to_string();
        assert_eq!(err, "/dev/zero: is a character device; esops reads only regular files (remove it or fix the link)");
    }
}
