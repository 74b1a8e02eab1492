//! What a person typed, given back with the form when a post fails. Every form posts as plain
//! HTML (with or without JavaScript), and a refused post sends the browser back to the form's
//! page with the error in the address (`ssr::session_bound`). Without more, the page would show
//! the error above an empty form: a long complaint, a hearing answer or a letter typed again.
//! So the session middleware keeps the posted fields for [`ERROR_LIFETIME_SECONDS`], sealed for
//! this session (ChaCha20-Poly1305 under a key from the session cookie, which the database never
//! holds), and adds their random id to the way back (`__typed`); the form's page, opened by that
//! session, fills its fields from them. Nobody else can read them (a shared computer's history,
//! a proxy's log, the database) or put text in a form by a crafted link.
//!
//! They are kept in the database, not in the address, because a text refused for being too long
//! must come back too, and an address over 4 KB is cut by browsers (Chromium and Firefox send a
//! longer `Referer`, by which Leptos finds the way back, as the bare origin) and by proxies.
use super::session_bound::{open_as, seal_as, ERROR_LIFETIME_SECONDS};
use super::state::AppState;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The key purpose of the sealed fields (apart from any other secret sealed for the session).
const PURPOSE: &str = "typed-back";

/// The address parameter that carries the id of the fields kept.
pub const PARAM: &str = "__typed";

/// Fields never given back: secrets a form may carry.
const NEVER: [&str; 1] = ["token"];

#[derive(Serialize, Deserialize)]
struct SealedFields {
    at: i64,
    fields: Vec<(String, String)>,
}

/// The fields given back to this request's page (none unless a post of this session just
/// failed); shared, not copied, with the request's context, and never printed.
#[derive(Clone, Default)]
pub struct TypedFields(pub Arc<Vec<(String, String)>>);

impl std::fmt::Debug for TypedFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TypedFields({} fields)", self.0.len())
    }
}

/// The fields of a form post (`application/x-www-form-urlencoded`), sealed for this session,
/// or `None` when there is nothing to give back.
pub fn seal_fields(body: &[u8], session_id: &str, now: i64) -> Option<String> {
    let fields: Vec<(String, String)> = form_urlencoded::parse(body)
        .filter(|(name, _)| !name.starts_with("__") && !NEVER.contains(&name.as_ref()))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    if fields.is_empty() {
        return None;
    }
    let json = serde_json::to_string(&SealedFields { at: now, fields }).ok()?;
    Some(seal_as(PURPOSE, &json, session_id))
}

/// The fields sealed for this session in the last [`ERROR_LIFETIME_SECONDS`]; none otherwise.
pub fn open_fields(sealed: &str, session_id: &str, now: i64) -> Vec<(String, String)> {
    open_as(PURPOSE, sealed, session_id)
        .and_then(|json| serde_json::from_str::<SealedFields>(&json).ok())
        .filter(|t| (0..=ERROR_LIFETIME_SECONDS).contains(&(now - t.at)))
        .map(|t| t.fields)
        .unwrap_or_default()
}

/// Keeps the fields of the failed post `form` for the session (`session_hash`, whose cookie
/// value is `session_id`); their id for the way back, or `None` when there is nothing to keep
/// or it could not be kept (the form then comes back with the problem only).
pub async fn keep(
    state: &AppState,
    session_hash: &str,
    session_id: &str,
    form: &[u8],
    now: DateTime<Utc>,
) -> Option<String> {
    let sealed = seal_fields(form, session_id, now.timestamp())?;
    let (id, _) = super::tokens::new_token();
    let expires_at = now + Duration::seconds(ERROR_LIFETIME_SECONDS);
    match state
        .repo
        .keep_typed_back(&id, session_hash, &sealed, expires_at, now)
        .await
    {
        Ok(()) => Some(id),
        Err(e) => {
            tracing::warn!(error = %e, "what was typed could not be kept to give back");
            None
        }
    }
}

/// The fields kept under the id in `query` (an address's query) for this session; none when
/// there is no id, it is another session's, or they expired.
pub async fn load(
    state: &AppState,
    query: &str,
    session_hash: &str,
    session_id: &str,
    now: DateTime<Utc>,
) -> TypedFields {
    let Some(id) = form_urlencoded::parse(query.as_bytes())
        .filter(|(n, _)| n == PARAM)
        .map(|(_, v)| v.into_owned())
        .last()
    else {
        return TypedFields::default();
    };
    let sealed = match state.repo.typed_back(&id, session_hash, now).await {
        Ok(sealed) => sealed,
        Err(e) => {
            tracing::warn!(error = %e, "what was typed could not be read to give back");
            None
        }
    };
    let fields = sealed
        .map(|s| open_fields(&s, session_id, now.timestamp()))
        .unwrap_or_default();
    TypedFields(Arc::new(fields))
}

/// `location` (a failed post's way back, already signed) with the id of the fields kept
/// instead of any an earlier failure left in it.
pub fn with_fields(location: &str, id: Option<&str>) -> String {
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
    if let Some(id) = id {
        kept.push(format!("{PARAM}={id}"));
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
    fn a_long_text_is_sealed_whole_and_secrets_never() {
        let long = format!("body={}", "æ".repeat(5_000));
        let sealed = seal_fields(long.as_bytes(), "session-a", NOW).unwrap();
        let back = open_fields(&sealed, "session-a", NOW);
        assert_eq!(back, vec![("body".to_string(), "æ".repeat(5_000))]);
        assert_eq!(seal_fields(b"token=x&__path=y", "session-a", NOW), None);
    }
}
