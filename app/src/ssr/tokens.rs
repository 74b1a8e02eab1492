//! Secrets for links: a random token for the link, and the hash that is all the database keeps.

/// A new random token (URL-safe) and its hash; only the hash is stored.
pub fn new_token() -> (String, String) {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = crate::ssr::session::hash_session_id(&token);
    (token, hash)
}
