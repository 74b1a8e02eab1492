//! Calendar files (iCalendar, RFC 5545) for booked sessions. Times are written in UTC ("Z"), so a
//! calendar shows them right in local time on both sides of a clock change; the description
//! carries the cancellation deadline in plain words.
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, PartialEq)]
pub struct IcsEvent {
    pub uid: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: String,
    pub location: String,
    pub description: String,
}

/// A calendar of `events`, stamped `now`.
pub fn calendar(name: &str, events: &[IcsEvent], now: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Traeningsportalen//DA".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    for e in events {
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape(&e.uid)),
            format!("DTSTAMP:{}", utc(now)),
            format!("DTSTART:{}", utc(e.starts_at)),
            format!("DTEND:{}", utc(e.ends_at)),
            format!("SUMMARY:{}", escape(&e.summary)),
            format!("LOCATION:{}", escape(&e.location)),
            format!("DESCRIPTION:{}", escape(&e.description)),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect::<String>()
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT values escape backslash, semicolon and comma; every form of line break (CRLF, CR, LF,
/// NEL, the Unicode line and paragraph separators, vertical tab and form feed) becomes the
/// escaped newline, and other control characters are dropped, so no text can end a line and
/// start a property of its own.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line ends in CRLF and is folded to at most 75 octets a line, never inside a
/// character (Danish letters are two octets in UTF-8).
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(starts: &str) -> IcsEvent {
        let starts_at: DateTime<Utc> = starts.parse().unwrap();
        IcsEvent {
            uid: "session-1@traeningsportalen".into(),
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(1),
            summary: "Holdtræning".into(),
            location: "Sundhedscenter Brønderslev, Ndr. Banegårdsvej 1".into(),
            description: "Afmeld senest tirsdag 24. marts 2026 kl. 12.00.".into(),
        }
    }

    #[test]
    fn times_are_utc_on_both_sides_of_the_spring_clock_change() {
        // 10:00 in Copenhagen is 09:00Z before 29 March 2026 and 08:00Z after.
        let before = event("2026-03-25T09:00:00Z");
        let after = event("2026-04-01T08:00:00Z");
        let ics = calendar(
            "Træning",
            &[before, after],
            "2026-03-04T09:00:00Z".parse().unwrap(),
        );
        assert!(ics.contains("DTSTART:20260325T090000Z\r\n"));
        assert!(ics.contains("DTSTART:20260401T080000Z\r\n"));
        assert!(ics.contains("DTEND:20260401T090000Z\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn text_is_escaped_and_long_lines_folded_within_a_character() {
        let mut e = event("2026-03-25T09:00:00Z");
        e.description = "Afmeld senest tirsdag 24. marts 2026 kl. 12.00; ring på 99 45 00 00, hvis du er forsinket. Æ ø å ".repeat(2);
        let ics = calendar("Træning", &[e], "2026-03-04T09:00:00Z".parse().unwrap());
        assert!(ics.contains("LOCATION:Sundhedscenter Brønderslev\\, Ndr. Banegårdsvej 1\r\n"));
        assert!(ics.contains("kl. 12.00\\; ring"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        // Unfolded, the text is whole again.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("hvis du er forsinket. Æ ø å Afmeld senest"));
    }

    #[test]
    fn no_form_of_line_break_in_a_text_starts_a_property_of_its_own() {
        for brk in [
            "\r\n", "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}",
        ] {
            let mut e = event("2026-03-25T09:00:00Z");
            e.summary = format!("Holdtræning{brk}ATTENDEE:mailto:x@example.dk{brk}\u{7}");
            let ics = calendar("Træning", &[e], "2026-03-04T09:00:00Z".parse().unwrap());
            assert!(
                ics.contains("SUMMARY:Holdtræning\\nATTENDEE:mailto:x@example.dk\\n\r\n"),
                "{brk:?}: {ics}"
            );
            assert!(
                !ics.split("\r\n").any(|l| l.starts_with("ATTENDEE")),
                "{brk:?}"
            );
            assert!(!ics.contains('\u{7}'));
        }
    }
}
