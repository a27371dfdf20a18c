//! Dates as people in Montpellier read them: Unix milliseconds shown in Paris time.
//!
//! The European summer-time rule (from the last Sunday of March to the last Sunday of
//! October, switching at 01:00 UTC) is computed here so that the server and the browser print
//! the same text, without a time-zone database in the WebAssembly bundle.

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// (year, month, day) to days since 1970-01-01.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Day number of the last Sunday of `month` in `year`.
fn last_sunday(year: i64, month: u32) -> i64 {
    let last = days_from_civil(year, month + 1, 1) - 1;
    // 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7.
    last - (last + 4).rem_euclid(7)
}

/// Paris's offset from UTC at `ms`, in milliseconds.
fn paris_offset_ms(ms: i64) -> i64 {
    const HOUR: i64 = 3_600_000;
    let (year, _, _) = civil_from_days(ms.div_euclid(86_400_000));
    let start = last_sunday(year, 3) * 86_400_000 + HOUR;
    let end = last_sunday(year, 10) * 86_400_000 + HOUR;
    if (start..end).contains(&ms) {
        2 * HOUR
    } else {
        HOUR
    }
}

/// `ms` as "24/11/2026 14:05" in Paris time.
///
/// ```
/// use domain::time::paris_datetime;
/// assert_eq!(paris_datetime(0), "01/01/1970 01:00");
/// // 2026-07-14 10:00 UTC is noon in summer time.
/// assert_eq!(paris_datetime(1_784_023_200_000), "14/07/2026 12:00");
/// ```
pub fn paris_datetime(ms: i64) -> String {
    let local = ms + paris_offset_ms(ms);
    let (y, mo, d) = civil_from_days(local.div_euclid(86_400_000));
    let minutes = local.rem_euclid(86_400_000) / 60_000;
    format!("{d:02}/{mo:02}/{y} {:02}:{:02}", minutes / 60, minutes % 60)
}

/// `ms` as an ISO 8601 UTC timestamp, for `<time datetime>`.
///
/// ```
/// assert_eq!(domain::time::iso_utc(1_784_023_200_000), "2026-07-14T10:00:00Z");
/// ```
pub fn iso_utc(ms: i64) -> String {
    let (y, mo, d) = civil_from_days(ms.div_euclid(86_400_000));
    let secs = ms.rem_euclid(86_400_000) / 1000;
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// `ms` as the value of an `<input type="datetime-local">` in Paris time: "2026-11-24T14:05".
///
/// ```
/// assert_eq!(domain::time::paris_input(1_784_023_200_000), "2026-07-14T12:00");
/// ```
pub fn paris_input(ms: i64) -> String {
    let local = ms + paris_offset_ms(ms);
    let (y, mo, d) = civil_from_days(local.div_euclid(86_400_000));
    let minutes = local.rem_euclid(86_400_000) / 60_000;
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}",
        minutes / 60,
        minutes % 60
    )
}

/// Reads a Paris wall-clock time "YYYY-MM-DDTHH:MM" (seconds allowed and ignored), as a
/// `datetime-local` field sends it, into Unix milliseconds. In the autumn hour that happens
/// twice the first one is meant; a time skipped in spring is read one hour later.
///
/// ```
/// use domain::time::{paris_input, parse_paris_input};
/// assert_eq!(parse_paris_input("2026-07-14T12:00"), Some(1_784_023_200_000));
/// assert_eq!(parse_paris_input("2026-13-01T00:00"), None);
/// assert_eq!(parse_paris_input("demain"), None);
/// let t = parse_paris_input("2026-01-05T09:30").unwrap();
/// assert_eq!(paris_input(t), "2026-01-05T09:30");
/// ```
pub fn parse_paris_input(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, time) = s.split_once('T').or_else(|| s.split_once(' '))?;
    let mut d = date.split('-');
    let y: i64 = d.next()?.parse().ok()?;
    let mo: u32 = d.next()?.parse().ok()?;
    let day: u32 = d.next()?.parse().ok()?;
    let mut t = time.split(':');
    let h: i64 = t.next()?.parse().ok()?;
    let mi: i64 = t.next()?.parse().ok()?;
    if d.next().is_some()
        || !(1..=9999).contains(&y)
        || !(1..=12).contains(&mo)
        || day == 0
        || !(0..24).contains(&h)
        || !(0..60).contains(&mi)
    {
        return None;
    }
    let days = days_from_civil(y, mo, day);
    if civil_from_days(days) != (y, mo, day) {
        return None;
    }
    let local = days * 86_400_000 + (h * 60 + mi) * 60_000;
    // Try summer time first (the earlier instant of an hour that happens twice).
    [2 * 3_600_000, 3_600_000]
        .into_iter()
        .map(|off| local - off)
        .find(|utc| utc + paris_offset_ms(*utc) == local)
        .or(Some(local - 3_600_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for days in [-800_000, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(20_416), (2025, 11, 24));
    }

    #[test]
    fn summer_time_switches_at_one_utc_on_the_last_sundays() {
        // 2026: 29 March and 25 October.
        let march_29 = days_from_civil(2026, 3, 29) * 86_400_000;
        assert_eq!(
            paris_datetime(march_29 + 3_600_000 - 60_000),
            "29/03/2026 01:59"
        );
        assert_eq!(paris_datetime(march_29 + 3_600_000), "29/03/2026 03:00");
        let october_25 = days_from_civil(2026, 10, 25) * 86_400_000;
        assert_eq!(
            paris_datetime(october_25 + 3_600_000 - 60_000),
            "25/10/2026 02:59"
        );
        assert_eq!(paris_datetime(october_25 + 3_600_000), "25/10/2026 02:00");
    }
}
