//! Percent-encoding of form values, shared by the in-process harness and the tests that talk
//! to a `convention serve` child over TCP.

/// Percent-encodes a form value byte by byte.
pub fn enc(s: &[u8]) -> String {
    s.iter()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (*b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
