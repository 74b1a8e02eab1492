//! What a person typed, given back with the form when a post fails. Every form posts as plain
//! HTML (with or without JavaScript), and a refused post sends the browser back to the form's
//! page with the error in the address (`ssr::session_bound`). Without more, the page would show
//! the error above an empty form: a long complaint, a hearing answer or a letter typed again.
//! So the session middleware also adds the posted fields to that address, sealed for this
//! session (`__typed`: ChaCha20-Poly1305 under a key from the session cookie, with the time),
//! and the form's page fills its fields from them for [`ERROR_LIFETIME_SECONDS`]. Nobody else
//! can read them from the address (a shared computer's history, a proxy's log) or put text in
//! a form by a crafted link.
use super::session_bound::{open_as, seal_as, ERROR_LIFETIME_SECONDS};

/// The key purpose of the sealed fields (apart from any other secret sealed for the session).
const PURPOSE: &str = "typed-back";
use serde::{Deserialize, Serialize};

/// The address parameter that carries the sealed fields.
pub const PARAM: &str = "__typed";

/// The longest sealed value put in an address. A browser sends a page's address as the
/// `Referer` of the next post from it, by which Leptos finds the way back, and Chromium and
/// Firefox cut a `Referer` longer than 4 KB down to the bare origin; proxies also limit request
/// lines. So the address with its error stays under 4 KB: what does not fit is not given back
/// (the form comes back with the problem only), e.g. a text refused for being too long.
pub const SEALED_MAX: usize = 2_500;

/// Fields never given back: secrets a form may carry.
const NEVER: [&str; 1] = ["token"];

#[derive(Serialize, Deserialize)]
struct SealedFields {
    at: i64,
    fields: Vec<(String, String)>,
}

/// The fields of a form post (`application/x-www-form-urlencoded`), sealed for this session,
/// or `None` when there is nothing to give back or it would not fit in an address.
pub fn seal_fields(body: &[u8], session_id: &str, now: i64) -> Option<String> {
    let fields: Vec<(String, String)> = form_urlencoded::parse(body)
        .filter(|(name, _)| !name.starts_with("__") && !NEVER.contains(&name.as_ref()))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    if fields.is_empty() {
        return None;
    }
    let json = serde_json::to_string(&SealedFields { at: now, fields }).ok()?;
    Some(seal_as(PURPOSE, &json, session_id)).filter(|s| s.len() <= SEALED_MAX)
}

/// The fields sealed for this session in the last [`ERROR_LIFETIME_SECONDS`]; none otherwise.
pub fn open_fields(sealed: &str, session_id: &str, now: i64) -> Vec<(String, String)> {
    open_as(PURPOSE, sealed, session_id)
        .and_then(|json| serde_json::from_str::<SealedFields>(&json).ok())
        .filter(|t| (0..=ERROR_LIFETIME_SECONDS).contains(&(now - t.at)))
        .map(|t| t.fields)
        .unwrap_or_default()
}

/// `location` (a failed post's way back, already signed) with the sealed fields instead of any
/// an earlier failure left in it.
pub fn with_fields(location: &str, sealed: Option<&str>) -> String {
    let (before, fragment) = match location.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (location, None),
    };
    let (path, query) = before.split_once('?').unwrap_or((before, ""));
    let mut kept: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(PARAM))
        .map(str::to_string)
        .collect();
    if let Some(sealed) = sealed {
        kept.push(format!("{PARAM}={sealed}"));
    }
    let mut out = path.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn the_fields_come_back_to_the_session_that_typed_them_for_ten_minutes() {
        let body = "decision=7&body=Jeg+er+uenig+%C3%A6%C3%B8%C3%A5&token=hemmelig&place=";
        let sealed = seal_fields(body.as_bytes(), "session-a", NOW).unwrap();
        let back = open_fields(&sealed, "session-a", NOW + 60);
        assert_eq!(
            back,
            vec![
                ("decision".to_string(), "7".to_string()),
                ("body".to_string(), "Jeg er uenig æøå".to_string()),
                // Chosen empty ("Ved ikke"), or cleared: given back as such.
                ("place".to_string(), String::new()),
            ]
        );
        assert!(open_fields(&sealed, "session-b", NOW + 60).is_empty());
        assert!(open_fields(&sealed, "session-a", NOW + ERROR_LIFETIME_SECONDS + 1).is_empty());
        assert!(open_fields("made-up", "session-a", NOW).is_empty());
    }

    #[test]
    fn a_second_failure_replaces_the_fields_of_the_first() {
        let first = with_fields("/klage/7?__err=x&__sig=1.a#felt", Some("AAA"));
        assert_eq!(first, "/klage/7?__err=x&__sig=1.a&__typed=AAA#felt");
        let second = with_fields(&first, Some("BBB"));
        assert_eq!(second, "/klage/7?__err=x&__sig=1.a&__typed=BBB#felt");
        assert_eq!(
            with_fields(&second, None),
            "/klage/7?__err=x&__sig=1.a#felt"
        );
    }

    #[test]
    fn what_does_not_fit_in_an_address_is_not_given_back() {
        let long = format!("body={}", "æ".repeat(2_000));
        assert_eq!(seal_fields(long.as_bytes(), "session-a", NOW), None);
        assert_eq!(seal_fields(b"token=x&__path=y", "session-a", NOW), None);
    }
}
