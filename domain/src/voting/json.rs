//! A strict JSON reader for ballots and tally documents.
//!
//! serde_json cannot serve here: it merges repeated object keys silently (the last wins) and
//! forgets how a number was written, while the tally must refuse a ballot that names an id
//! twice and must tell the integer `5` from `5.0` or `5e0`. This reader keeps object members in
//! order with their repeats and numbers as their source text. It is iterative, so a deeply
//! nested ballot costs memory, never the stack.

use std::fmt;

/// A JSON value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its source text (always valid JSON number syntax).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members in source order, repeats kept.
    Object(Vec<(String, Json)>),
    /// A container nested deeper than [`MAX_DEPTH`]: checked as JSON, its content not kept
    /// (no ballot is that deep, and a tree that deep would overflow the stack when dropped).
    Deep,
}

/// Nesting kept in full; deeper containers are read but become [`Json::Deep`].
pub const MAX_DEPTH: usize = 64;

/// Why a document is not JSON, with the byte offset where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset in the input.
    pub at: usize,
    /// What was wrong.
    pub what: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid JSON at byte {}: {}", self.at, self.what)
    }
}

/// A JSON integer: a number token with no fraction and no exponent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Integer {
    /// Its value.
    Fits(i128),
    /// Too large in magnitude for 128 bits (negative or not); beyond every limit here.
    Huge {
        /// Its sign.
        negative: bool,
    },
}

impl Json {
    /// The integer this value is, if it is a number token without fraction or exponent.
    ///
    /// ```
    /// use domain::voting::json::{parse, Integer};
    /// assert_eq!(parse("-12").unwrap().integer(), Some(Integer::Fits(-12)));
    /// assert_eq!(parse("5.0").unwrap().integer(), None);
    /// assert_eq!(parse("1e1").unwrap().integer(), None);
    /// ```
    pub fn integer(&self) -> Option<Integer> {
        let Json::Number(text) = self else {
            return None;
        };
        if text.contains(['.', 'e', 'E']) {
            return None;
        }
        Some(match text.parse::<i128>() {
            Ok(v) => Integer::Fits(v),
            Err(_) => Integer::Huge {
                negative: text.starts_with('-'),
            },
        })
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

enum Frame {
    Array(Vec<Json>),
    Object(Vec<(String, Json)>, String),
    /// Beyond [`MAX_DEPTH`]: an array (true) or object whose values are dropped.
    Skip(bool),
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn err(&self, what: &'static str) -> JsonError {
        JsonError { at: self.i, what }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn expect(&mut self, b: u8, what: &'static str) -> Result<(), JsonError> {
        if self.peek() == Some(b) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(what))
        }
    }

    fn literal(&mut self, word: &'static [u8], value: Json) -> Result<Json, JsonError> {
        if self.s[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(value)
        } else {
            Err(self.err("unknown literal"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err("bad number")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.err("bad fraction"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.err("bad exponent"));
            }
        }
        // The bytes are ASCII digits and signs, so always valid UTF-8.
        let text = String::from_utf8_lossy(&self.s[start..self.i]).into_owned();
        Ok(Json::Number(text))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let chunk = self
            .s
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("short \\u escape"))?;
        let mut v = 0u32;
        for &b in chunk {
            let d = (b as char)
                .to_digit(16)
                .ok_or_else(|| self.err("bad \\u escape"))?;
            v = v * 16 + d;
        }
        self.i += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.expect(b'"', "expected a string")?;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str, and the run stops only at ASCII bytes: a valid slice.
            out.push_str(
                std::str::from_utf8(&self.s[start..self.i]).map_err(|_| self.err("bad UTF-8"))?,
            );
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let e = self.peek().ok_or_else(|| self.err("unfinished escape"))?;
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if !self.s[self.i..].starts_with(b"\\u") {
                                    return Err(self.err("lone surrogate"));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err("lone surrogate"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return Err(self.err("lone surrogate"));
                            } else {
                                hi
                            };
                            out.push(char::from_u32(c).ok_or_else(|| self.err("bad escape"))?);
                        }
                        _ => return Err(self.err("bad escape")),
                    }
                }
                Some(_) => return Err(self.err("control character in string")),
                None => return Err(self.err("unfinished string")),
            }
        }
    }
}

/// Reads one JSON document: a single value with only whitespace around it.
///
/// ```
/// use domain::voting::json::{parse, Json};
/// let v = parse(r#"{"a": 1, "a": [true, null]}"#).unwrap();
/// let Json::Object(members) = v else { panic!() };
/// assert_eq!(members.len(), 2, "repeated keys are kept");
/// assert!(parse("NaN").is_err());
/// assert!(parse("1 2").is_err());
/// assert!(parse(r#""\ud800""#).is_err());
/// ```
pub fn parse(input: &str) -> Result<Json, JsonError> {
    read(input, None)
}

/// Reads a tally document without building the elements of its top-level `"ballots"` array:
/// they are checked as JSON and returned as byte ranges of `input`, to be read one at a time
/// (a million ballots then never exist as one tree). In the returned tree that array is empty.
///
/// ```
/// use domain::voting::json::{parse_document, Json};
/// let doc = r#"{"ballots": [{"a": 1}, "x"], "method": "borda"}"#;
/// let (tree, spans) = parse_document(doc).unwrap();
/// assert_eq!(spans.iter().map(|s| &doc[s.clone()]).collect::<Vec<_>>(), [r#"{"a": 1}"#, r#""x""#]);
/// let Json::Object(members) = tree else { panic!() };
/// assert_eq!(members[0], ("ballots".to_string(), Json::Array(vec![])));
/// assert!(parse_document(r#"{"ballots": [{"a": }]}"#).is_err());
/// ```
pub fn parse_document(input: &str) -> Result<(Json, Vec<std::ops::Range<usize>>), JsonError> {
    let mut spans = Vec::new();
    let tree = read(input, Some(&mut spans))?;
    Ok((tree, spans))
}

/// Whether the two outermost frames are the top-level object's `"ballots"` member and its array.
fn in_ballots(stack: &[Frame]) -> bool {
    matches!(stack, [Frame::Object(_, key), Frame::Array(_), ..] if key == "ballots")
}

/// How a value starts: a container opening (its frame), or a whole scalar or empty container.
enum Start {
    Open(Frame),
    Value(Json),
}

impl Reader<'_> {
    /// An object member's key and its colon.
    fn key(&mut self) -> Result<String, JsonError> {
        let key = self.string()?;
        self.ws();
        self.expect(b':', "expected ':'")?;
        self.ws();
        Ok(key)
    }

    /// Reads the start of a value: containers open a frame (a skipping one when `skip`), to be
    /// filled by the caller's loop; scalars and empty containers are read whole.
    fn start(&mut self, skip: bool) -> Result<Start, JsonError> {
        Ok(match self.peek() {
            Some(b'[') => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    Start::Value(Json::Array(Vec::new()))
                } else if skip {
                    Start::Open(Frame::Skip(true))
                } else {
                    Start::Open(Frame::Array(Vec::new()))
                }
            }
            Some(b'{') => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    Start::Value(Json::Object(Vec::new()))
                } else {
                    let key = self.key()?;
                    if skip {
                        Start::Open(Frame::Skip(false))
                    } else {
                        Start::Open(Frame::Object(Vec::new(), key))
                    }
                }
            }
            Some(b'"') => Start::Value(Json::String(self.string()?)),
            Some(b't') => Start::Value(self.literal(b"true", Json::Bool(true))?),
            Some(b'f') => Start::Value(self.literal(b"false", Json::Bool(false))?),
            Some(b'n') => Start::Value(self.literal(b"null", Json::Null)?),
            Some(b'-' | b'0'..=b'9') => Start::Value(self.number()?),
            Some(_) => return Err(self.err("unexpected character")),
            None => return Err(self.err("unexpected end")),
        })
    }
}

fn read(
    input: &str,
    mut spans: Option<&mut Vec<std::ops::Range<usize>>>,
) -> Result<Json, JsonError> {
    let mut r = Reader {
        s: input.as_bytes(),
        i: 0,
    };
    let mut stack: Vec<Frame> = Vec::new();
    let streaming = spans.is_some();
    let mut ballot_start = 0;
    r.ws();
    'value: loop {
        // Inside a streamed ballot, containers are checked but not kept.
        let skip =
            stack.len() >= MAX_DEPTH || (streaming && stack.len() >= 2 && in_ballots(&stack));
        if streaming && stack.len() == 2 && in_ballots(&stack) {
            ballot_start = r.i;
        }
        // Read the start of a value; containers open a frame and loop back for their first
        // element, scalars fall through with a finished value.
        let mut value = match r.start(skip)? {
            Start::Open(frame) => {
                stack.push(frame);
                continue 'value;
            }
            Start::Value(v) => v,
        };
        // Hand the finished value to its container, closing containers as they end.
        loop {
            let end = r.i;
            r.ws();
            let streamed = streaming && stack.len() == 2 && in_ballots(&stack);
            if streamed {
                if let Some(spans) = spans.as_deref_mut() {
                    spans.push(ballot_start..end);
                }
            }
            match stack.last_mut() {
                None => {
                    if r.i != r.s.len() {
                        return Err(r.err("trailing characters"));
                    }
                    return Ok(value);
                }
                Some(Frame::Array(items)) => {
                    if !streamed {
                        items.push(value);
                    }
                    match r.peek() {
                        Some(b',') => {
                            r.i += 1;
                            r.ws();
                            continue 'value;
                        }
                        Some(b']') => {
                            r.i += 1;
                            let Some(Frame::Array(items)) = stack.pop() else {
                                unreachable!("the top frame is an array")
                            };
                            value = Json::Array(items);
                        }
                        _ => return Err(r.err("expected ',' or ']'")),
                    }
                }
                Some(Frame::Skip(array)) => {
                    let array = *array;
                    drop(value);
                    match (r.peek(), array) {
                        (Some(b','), _) => {
                            r.i += 1;
                            r.ws();
                            if !array {
                                r.key()?;
                            }
                            continue 'value;
                        }
                        (Some(b']'), true) | (Some(b'}'), false) => {
                            r.i += 1;
                            stack.pop();
                            value = Json::Deep;
                        }
                        _ => return Err(r.err("expected ',' or a closing bracket")),
                    }
                }
                Some(Frame::Object(members, key)) => {
                    members.push((std::mem::take(key), value));
                    match r.peek() {
                        Some(b',') => {
                            r.i += 1;
                            r.ws();
                            let next = r.key()?;
                            if let Some(Frame::Object(_, key)) = stack.last_mut() {
                                *key = next;
                            }
                            continue 'value;
                        }
                        Some(b'}') => {
                            r.i += 1;
                            let Some(Frame::Object(members, _)) = stack.pop() else {
                                unreachable!("the top frame is an object")
                            };
                            value = Json::Object(members);
                        }
                        _ => return Err(r.err("expected ',' or '}'")),
                    }
                }
            }
        }
    }
}

/// A string as a JSON string literal (quotes, backslashes and control characters escaped).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_rfc_8259_accepts() {
        for ok in [
            "0",
            "-0",
            "12.5e-3",
            "1E+2",
            "\"\"",
            "[]",
            "{}",
            " [1, [2, {\"a\": []}]] ",
            "\"\\u00e9\\ud83d\\ude00\\/\"",
            "true",
            "null",
        ] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            parse("\"\\ud83d\\ude00\"").unwrap(),
            Json::String("😀".into())
        );
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            " ",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "NaN",
            "Infinity",
            "[1,]",
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\" 1}",
            "{1: 2}",
            "'a'",
            "\"a",
            "\"\u{1}\"",
            "\"\\x\"",
            "tru",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "[] []",
            "{}x",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        assert!(parse(&deep).is_ok());
        let deep_objects = format!("{}1{}", "{\"a\":".repeat(200_000), "}".repeat(200_000));
        assert!(parse(&deep_objects).is_ok());
        let broken = format!("{}{}", "[".repeat(200_000), "]".repeat(199_999));
        assert!(parse(&broken).is_err(), "still checked as JSON");
        let mismatched = format!("{}}}", "[".repeat(100));
        assert!(parse(&mismatched).is_err());
    }

    #[test]
    fn quoting_round_trips() {
        for s in ["", "a\"b\\c", "ligne\nnouvelle\u{1}", "é😀", "\u{2028}"] {
            assert_eq!(parse(&quote(s)).unwrap(), Json::String(s.to_owned()));
        }
    }
}
