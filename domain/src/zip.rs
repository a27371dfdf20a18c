//! A ZIP archive of stored (uncompressed) entries, the container of OpenDocument files.
//!
//! Written here rather than taken from a crate because the archive must be byte-for-byte
//! reproducible (fixed entry times, fixed order) and OpenDocument asks for little: its first
//! entry, `mimetype`, must be stored uncompressed anyway, and the documents we write are small
//! next to what they describe.

/// The signature opening each entry's local header.
const LOCAL_HEADER: u32 = 0x0403_4b50;

/// The CRC-32 (IEEE 802.3, reflected) the ZIP format checks entries with.
///
/// ```
/// assert_eq!(domain::zip::crc32(b"123456789"), 0xCBF4_3926);
/// ```
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in data {
        crc = TABLE[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// Builds an archive entry by entry, in the order added.
#[derive(Debug, Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// 1980-01-01 00:00, the earliest time ZIP can say: entries carry no real time, so the same
/// content always gives the same bytes.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

impl ZipWriter {
    /// An empty archive.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one stored entry. Names are UTF-8 (flag bit 11).
    ///
    /// # Panics
    /// On an entry or archive beyond 4 GiB or 65,535 entries (no ZIP64): nothing we write comes
    /// near.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let offset = u32::try_from(self.out.len()).expect("archive under 4 GiB");
        let size = u32::try_from(data.len()).expect("entry under 4 GiB");
        let name_len = u16::try_from(name.len()).expect("short entry name");
        let crc = crc32(data);
        let flags: u16 = 1 << 11;
        // Local file header.
        self.out.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        for v in [20u16, flags, 0, DOS_TIME, DOS_DATE] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        self.out.extend_from_slice(&name_len.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);
        // Central directory record.
        self.central
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for v in [20u16, 20, flags, 0, DOS_TIME, DOS_DATE] {
            self.central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            self.central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [name_len, 0, 0, 0, 0] {
            self.central.extend_from_slice(&v.to_le_bytes());
        }
        self.central.extend_from_slice(&0u32.to_le_bytes());
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.entries = self.entries.checked_add(1).expect("under 65,535 entries");
    }

    /// The finished archive.
    ///
    /// # Panics
    /// On an archive beyond 4 GiB (see [`ZipWriter::add`]).
    pub fn finish(mut self) -> Vec<u8> {
        let central_offset = u32::try_from(self.out.len()).expect("archive under 4 GiB");
        let central_size = u32::try_from(self.central.len()).expect("archive under 4 GiB");
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for v in [0u16, 0, self.entries, self.entries] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        self.out.extend_from_slice(&central_size.to_le_bytes());
        self.out.extend_from_slice(&central_offset.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

/// The entries of an archive as [`ZipWriter`] lays it out (stored, no data descriptors), each
/// checked against its CRC: how tests compare two archives entry by entry.
#[cfg(test)]
pub(crate) fn stored_entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |i: usize| usize::from(u16::from_le_bytes([zip[i], zip[i + 1]]));
    let u32_at =
        |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]) as usize;
    let mut entries = Vec::new();
    let mut at = 0;
    while zip[at..].starts_with(&LOCAL_HEADER.to_le_bytes()) {
        let (size, name_len, extra) = (u32_at(at + 18), u16_at(at + 26), u16_at(at + 28));
        let name_at = at + 30;
        let data_at = name_at + name_len + extra;
        let name = String::from_utf8(zip[name_at..name_at + name_len].to_vec()).unwrap();
        let data = zip[data_at..data_at + size].to_vec();
        assert_eq!(crc32(&data) as usize, u32_at(at + 14), "{name}");
        entries.push((name, data));
        at = data_at + size;
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_what_readers_expect() {
        let mut z = ZipWriter::new();
        z.add("mimetype", b"application/vnd.oasis.opendocument.text");
        z.add("content.xml", "<é/>".as_bytes());
        let bytes = z.finish();
        // The OpenDocument magic: "mimetype" at offset 30, its content right after.
        assert_eq!(&bytes[0..4], b"PK\x03\x04");
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..77], b"application/vnd.oasis.opendocument.text");
        // End of central directory: two entries, directory right after the data.
        let eocd = bytes.len() - 22;
        assert_eq!(&bytes[eocd..eocd + 4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([bytes[eocd + 10], bytes[eocd + 11]]), 2);
        let offset = u32::from_le_bytes(bytes[eocd + 16..eocd + 20].try_into().unwrap());
        assert_eq!(&bytes[offset as usize..offset as usize + 4], b"PK\x01\x02");
    }

    #[test]
    fn same_entries_same_bytes() {
        let make = || {
            let mut z = ZipWriter::new();
            z.add("a", b"1");
            z.finish()
        };
        assert_eq!(make(), make());
    }
}
