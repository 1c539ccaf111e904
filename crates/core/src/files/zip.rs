//! The names of the files inside a ZIP archive (DOCX, XLSX and ODT are ZIP archives), read
//! from its central directory, which is at the end of the archive: only the archive's last
//! bytes are needed ([`super::stream::TAIL_LEN`] of them are kept). Nothing is decompressed; a
//! damaged archive gives what could be read.

/// The central directory's end record: signature, then 18 bytes, then a comment of up to
/// 65,535 bytes.
const END_SIGNATURE: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
const ENTRY_SIGNATURE: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
const END_LEN: usize = 22;
/// More entries than any document has: an archive claiming more is not read further.
const MAX_ENTRIES: usize = 20_000;

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(usize::from(u16::from_le_bytes([*b.first()?, *b.get(1)?])))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    let n = u32::from_le_bytes([*b.first()?, *b.get(1)?, *b.get(2)?, *b.get(3)?]);
    usize::try_from(n).ok()
}

/// Where the central directory's end record starts, searching back from the end.
fn end_record(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(END_LEN)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last)
        .rev()
        .find(|&at| bytes.get(at..at.saturating_add(4)) == Some(&END_SIGNATURE[..]))
}

/// The names of the archive's entries, in directory order (empty if they cannot be read).
/// `bytes` are the archive's last bytes, from offset `base` of the archive to its end (the
/// whole archive when `base` is 0); a directory that starts before them is not read.
pub fn names(bytes: &[u8], base: u64) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let Some(end) = end_record(bytes) else {
        return out;
    };
    let (Some(count), Some(start)) = (u16_at(bytes, end + 10), u32_at(bytes, end + 16)) else {
        return out;
    };
    let Some(mut at) = u64::try_from(start)
        .ok()
        .and_then(|s| s.checked_sub(base))
        .and_then(|s| usize::try_from(s).ok())
    else {
        return out;
    };
    for _ in 0..count.min(MAX_ENTRIES) {
        if bytes.get(at..at.saturating_add(4)) != Some(&ENTRY_SIGNATURE[..]) {
            break;
        }
        let (Some(name_len), Some(extra), Some(comment)) = (
            u16_at(bytes, at + 28),
            u16_at(bytes, at + 30),
            u16_at(bytes, at + 32),
        ) else {
            break;
        };
        let start = at.saturating_add(46);
        let Some(name) = bytes.get(start..start.saturating_add(name_len)) else {
            break;
        };
        out.push(name);
        at = start
            .saturating_add(name_len)
            .saturating_add(extra)
            .saturating_add(comment);
    }
    out
}
