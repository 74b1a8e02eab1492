//! Values in an address that only this browser's session can have made or can read, so that
//! nobody can craft a link that puts text in the portal's own words, or read a secret from it:
//!
//! - **A form's error.** After a form posted without JavaScript fails, Leptos sends the browser
//!   back with the error in the address (`__path`, `__err`), and the page shows it in the "Der er
//!   et problem" box. Anyone could write such a link with text of their choosing, so the session
//!   middleware signs the error it sends (`__sig`: when, and an HMAC-SHA256 keyed by the session
//!   cookie, which only the browser and the request know) and removes, before any page sees it,
//!   an error that is unsigned, signed for another session or older than [`ERROR_LIFETIME`].
//! - **A secret shown once** (the calendar feed's address): sealed with ChaCha20-Poly1305 under
//!   a key from the session cookie, so the address in the browser's history cannot be read by
//!   anyone else, nor by the browser once the session has ended, and the database keeps only the
//!   secret's hash.
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// How long after a failed post its error is shown again on reload.
pub const ERROR_LIFETIME_SECONDS: i64 = 10 * 60;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

fn key(purpose: &str, session_id: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"traeningsportalen:");
    h.update(purpose.as_bytes());
    h.update(b":");
    h.update(session_id.as_bytes());
    h.finalize().into()
}

fn mac(session_id: &str, at: i64, path: &str, err: &str) -> Hmac<Sha256> {
    let mut m = Hmac::<Sha256>::new_from_slice(&key("form-error", session_id))
        .expect("HMAC takes any key length");
    m.update(format!("{at}\n{path}\n{err}").as_bytes());
    m
}

/// The parameters Leptos reads a form's error from, and ours that signs it.
const ERROR_PARAMS: [&str; 3] = ["__err", "__path", "__sig"];

/// A query's parts as written (`name=value`), each with its name and value decoded as Leptos
/// decodes them (percent-escapes in names too).
fn parts(query: &str) -> Vec<(&str, String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|raw| {
            let (name, value) = form_urlencoded::parse(raw.as_bytes())
                .next()
                .map(|(n, v)| (n.into_owned(), v.into_owned()))
                .unwrap_or_default();
            (raw, name, value)
        })
        .collect()
}

fn is_error_param(name: &str) -> bool {
    ERROR_PARAMS.contains(&name)
}

/// The address with the error it carries signed for this session: only the error the portal
/// just added (the last `__err` and `__path`; the page's address may still hold an earlier
/// one), nothing else of the kind. `None` when it carries no error.
pub fn sign_error_location(location: &str, session_id: &str, now: i64) -> Option<String> {
    let (before, fragment) = match location.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (location, None),
    };
    let (path, query) = before.split_once('?')?;
    let parts = parts(query);
    let last = |name: &str| parts.iter().rposition(|(_, n, _)| n == name);
    let err_at = last("__err")?;
    let path_at = last("__path");
    let err = parts[err_at].2.clone();
    let fn_path = path_at.map(|i| parts[i].2.clone()).unwrap_or_default();
    let kept: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|(i, (_, name, _))| !is_error_param(name) || *i == err_at || Some(*i) == path_at)
        .map(|(_, (raw, _, _))| *raw)
        .collect();
    let sig = B64.encode(mac(session_id, now, &fn_path, &err).finalize().into_bytes());
    let mut signed = format!("{path}?{}&__sig={now}.{sig}", kept.join("&"));
    if let Some(f) = fragment {
        signed.push('#');
        signed.push_str(f);
    }
    Some(signed)
}

/// Whether the query holds exactly one error, signed for this session in the last
/// [`ERROR_LIFETIME_SECONDS`].
fn error_is_ours(parts: &[(&str, String, String)], session_id: Option<&str>, now: i64) -> bool {
    let all = |name: &str| {
        parts
            .iter()
            .filter(|(_, n, _)| n == name)
            .map(|(_, _, v)| v.as_str())
            .collect::<Vec<_>>()
    };
    let (errs, paths, sigs) = (all("__err"), all("__path"), all("__sig"));
    let (Some(session_id), [err], [sig], true) =
        (session_id, &errs[..], &sigs[..], paths.len() <= 1)
    else {
        return false;
    };
    let Some((at, sig)) = sig.split_once('.') else {
        return false;
    };
    let (Ok(at), Ok(sig)) = (at.parse::<i64>(), B64.decode(sig)) else {
        return false;
    };
    let path = paths.first().copied().unwrap_or_default();
    (0..=ERROR_LIFETIME_SECONDS).contains(&(now - at))
        && mac(session_id, at, path, err).verify_slice(&sig).is_ok()
}

/// The query without a form error the portal did not send to this session (`None`: keep the
/// query as it is). Names are compared decoded, as Leptos reads them.
pub fn without_foreign_error(query: &str, session_id: Option<&str>, now: i64) -> Option<String> {
    let parts = parts(query);
    let carries = parts.iter().any(|(_, name, _)| is_error_param(name));
    if !carries || error_is_ours(&parts, session_id, now) {
        return None;
    }
    Some(
        parts
            .iter()
            .filter(|(_, name, _)| !is_error_param(name))
            .map(|(raw, _, _)| *raw)
            .collect::<Vec<_>>()
            .join("&"),
    )
}

fn sealing_key(purpose: &str, session_id: &str) -> ring::aead::LessSafeKey {
    let key =
        ring::aead::UnboundKey::new(&ring::aead::CHACHA20_POLY1305, &key(purpose, session_id))
            .expect("a 32-byte key");
    ring::aead::LessSafeKey::new(key)
}

/// `secret` sealed for this session, as text for an address.
pub fn seal(secret: &str, session_id: &str) -> String {
    seal_as("sealed", secret, session_id)
}

/// The secret sealed for this session, or `None` for anything else.
pub fn open(sealed: &str, session_id: &str) -> Option<String> {
    open_as("sealed", sealed, session_id)
}

/// `text` sealed for this session under a key of its own `purpose`, as text for an address.
pub fn seal_as(purpose: &str, text: &str, session_id: &str) -> String {
    let mut nonce = [0u8; 12];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut nonce);
    let mut data = text.as_bytes().to_vec();
    sealing_key(purpose, session_id)
        .seal_in_place_append_tag(
            ring::aead::Nonce::assume_unique_for_key(nonce),
            ring::aead::Aad::empty(),
            &mut data,
        )
        .expect("sealing fits in memory");
    let mut out = nonce.to_vec();
    out.extend(data);
    B64.encode(out)
}

/// The text sealed for this session and `purpose`, or `None` for anything else.
pub fn open_as(purpose: &str, sealed: &str, session_id: &str) -> Option<String> {
    let bytes = B64.decode(sealed).ok()?;
    if bytes.len() < 12 {
        return None;
    }
    let (nonce, data) = bytes.split_at(12);
    let mut data = data.to_vec();
    let nonce = ring::aead::Nonce::try_assume_unique_for_key(nonce).ok()?;
    let plain = sealing_key(purpose, session_id)
        .open_in_place(nonce, ring::aead::Aad::empty(), &mut data)
        .ok()?;
    String::from_utf8(plain.to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn an_error_the_portal_sent_to_this_session_is_kept() {
        let sent = "http://x/traening?__path=/api/book&__err=eyJ9#kalender";
        let signed = sign_error_location(sent, "session-a", NOW).unwrap();
        assert!(signed.ends_with("#kalender"));
        let query = signed.split_once('?').unwrap().1.split('#').next().unwrap();
        assert_eq!(
            without_foreign_error(query, Some("session-a"), NOW + 60),
            None
        );
    }

    #[test]
    fn a_crafted_copied_or_old_error_is_removed() {
        let signed = sign_error_location(
            "/traening?a=1&__path=/api/book&__err=eyJ9",
            "session-a",
            NOW,
        )
        .unwrap();
        let query = signed.split_once('?').unwrap().1;
        // Another session (a link sent to someone else).
        assert_eq!(
            without_foreign_error(query, Some("session-b"), NOW).as_deref(),
            Some("a=1")
        );
        // No session.
        assert_eq!(
            without_foreign_error(query, None, NOW).as_deref(),
            Some("a=1")
        );
        // Too old.
        assert_eq!(
            without_foreign_error(query, Some("session-a"), NOW + ERROR_LIFETIME_SECONDS + 1)
                .as_deref(),
            Some("a=1")
        );
        // Other words under a real signature.
        let forged = query.replace("__err=eyJ9", "__err=eyJB");
        assert_eq!(
            without_foreign_error(&forged, Some("session-a"), NOW).as_deref(),
            Some("a=1")
        );
        // Unsigned.
        assert_eq!(
            without_foreign_error("__err=eyJ9&b=2", Some("session-a"), NOW).as_deref(),
            Some("b=2")
        );
        // Nothing to remove.
        assert_eq!(without_foreign_error("side=2", None, NOW), None);
    }

    #[test]
    fn a_second_failure_on_the_same_page_is_signed_anew() {
        // The page's address still holds the first error and its signature; Leptos adds the new
        // error at the end.
        let first = sign_error_location("/side?a=1&__path=/api/x&__err=OLD", "s", NOW).unwrap();
        let again = format!("{first}&__path=/api/x&__err=NEW");
        let signed = sign_error_location(&again, "s", NOW + 900).unwrap();
        let query = signed.split_once('?').unwrap().1;
        assert!(
            !query.contains("OLD") && query.contains("__err=NEW"),
            "{query}"
        );
        assert_eq!(query.matches("__sig=").count(), 1);
        assert_eq!(
            without_foreign_error(query, Some("s"), NOW + 901),
            None,
            "shown"
        );
    }

    #[test]
    fn a_sealed_secret_opens_only_for_its_session() {
        let sealed = seal("the-token", "session-a");
        assert!(!sealed.contains("the-token"));
        assert_eq!(open(&sealed, "session-a").as_deref(), Some("the-token"));
        assert_eq!(open(&sealed, "session-b"), None);
        assert_eq!(open("nonsense", "session-a"), None);
        assert_ne!(
            seal("the-token", "session-a"),
            sealed,
            "a new nonce each time"
        );
    }
}
