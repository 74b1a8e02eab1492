//! Sign-in with OpenID Connect: authorization code flow with PKCE (S256), `state` and `nonce`.
//! Citizens sign in at a MitID broker, staff at their municipality's identity provider; both are
//! configured issuers, discovered on first use. The ID token's signature (JWKS), issuer,
//! audience, expiry and nonce are checked by `openidconnect`; who may then be signed in is
//! decided by `domain::sign_in`. Token expiry is checked against real time, as the provider
//! issues it, not against the portal's (in development, movable) clock.
//!
//! Routes: `GET /log-ind/mitid` and `GET /log-ind/medarbejder` start a sign-in; the provider
//! sends the browser back to `GET /log-ind/retur`. A refusal goes to `/log-ind/fejl?grund=…`.
use super::db::{NewPerson, PendingLogin};
use super::session::{
    cookie, cookie_value, hash_session_id, session_cookie_name, start_session_with,
};
use super::settings::OidcSettings;
use super::state::AppState;
use crate::domain::audit::Action;
use crate::domain::sign_in::{accept_citizen, accept_staff, safe_return_path, Refusal, Vouched};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use chrono::Duration;
use http::{header, HeaderMap};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndSessionUrl, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IdTokenFields, IssuerUrl, LogoutRequest, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, Scope, StandardErrorResponse,
    StandardTokenResponse, TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Mutex;

/// Claims beyond the standard ones: the NSIS level, and for staff their municipality and roles.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct PortalClaims {
    #[serde(
        rename = "https://data.gov.dk/concept/core/nsis/loa",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub loa: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}

impl AdditionalClaims for PortalClaims {}

type PortalTokenResponse = StandardTokenResponse<
    IdTokenFields<
        PortalClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

type PortalClient = Client<
    PortalClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    PortalTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Who is signing in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LoginKind {
    Citizen,
    Staff,
}

impl LoginKind {
    fn code(self) -> &'static str {
        match self {
            LoginKind::Citizen => "citizen",
            LoginKind::Staff => "staff",
        }
    }

    fn from_code(code: &str) -> Option<LoginKind> {
        match code {
            "citizen" => Some(LoginKind::Citizen),
            "staff" => Some(LoginKind::Staff),
            _ => None,
        }
    }

    fn landing(self) -> &'static str {
        match self {
            LoginKind::Citizen => "/oversigt",
            LoginKind::Staff => "/personale",
        }
    }
}

/// How long a sign-in may take at the provider.
const LOGIN_WINDOW: Duration = Duration::minutes(10);
/// Discovery (endpoints and signing keys) is refreshed this often, so rotated keys are picked up.
const DISCOVERY_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(3600);
const LOGIN_COOKIE: &str = "tp_login";
pub const CALLBACK_PATH: &str = "/log-ind/retur";

/// A provider as discovered: the client, and where to end the person's session there (RP-initiated
/// logout), when it says.
struct Discovered {
    client: Arc<PortalClient>,
    end_session: Option<EndSessionUrl>,
}

/// The configured providers, discovered on first use and cached.
pub struct Providers {
    http: openidconnect::reqwest::Client,
    cache: Mutex<HashMap<LoginKind, (std::time::Instant, Arc<Discovered>)>>,
}

impl Default for Providers {
    fn default() -> Self {
        Providers {
            http: openidconnect::reqwest::ClientBuilder::new()
                // Following redirects from the provider's endpoints would allow SSRF.
                .redirect(openidconnect::reqwest::redirect::Policy::none())
                .timeout(std::time::Duration::from_secs(15))
                .build()
                .expect("an HTTP client"),
            cache: Mutex::new(HashMap::new()),
        }
    }
}

fn settings_for(state: &AppState, kind: LoginKind) -> Option<&OidcSettings> {
    match kind {
        LoginKind::Citizen => state.settings.oidc.as_ref(),
        LoginKind::Staff => state.settings.staff_oidc.as_ref(),
    }
}

async fn client(state: &AppState, kind: LoginKind) -> Result<Arc<PortalClient>, Refusal> {
    Ok(discovered(state, kind).await?.client.clone())
}

async fn discovered(state: &AppState, kind: LoginKind) -> Result<Arc<Discovered>, Refusal> {
    let providers = &state.oidc;
    let mut cache = providers.cache.lock().await;
    if let Some((at, c)) = cache.get(&kind) {
        if at.elapsed() < DISCOVERY_MAX_AGE {
            return Ok(c.clone());
        }
    }
    let config = settings_for(state, kind).ok_or(Refusal::ProviderUnavailable)?;
    let issuer = IssuerUrl::new(config.issuer.clone()).map_err(unavailable)?;
    let metadata = ProviderMetadataWithLogout::discover_async(issuer, &providers.http)
        .await
        .map_err(|e| {
            tracing::warn!(issuer = %config.issuer, error = %e, "OpenID discovery failed");
            Refusal::ProviderUnavailable
        })?;
    let redirect = RedirectUrl::new(format!("{}{CALLBACK_PATH}", state.settings.base_url))
        .map_err(unavailable)?;
    let end_session = metadata.additional_metadata().end_session_endpoint.clone();
    let c = Arc::new(Discovered {
        client: Arc::new(
            PortalClient::from_provider_metadata(
                metadata,
                ClientId::new(config.client_id.clone()),
                config.client_secret.clone().map(ClientSecret::new),
            )
            .set_redirect_uri(redirect),
        ),
        end_session,
    });
    cache.insert(kind, (std::time::Instant::now(), c.clone()));
    Ok(c)
}

/// The providers' end-session endpoints discovered so far (for the pages' `form-action`: signing
/// out is a form post answered by a redirect there). Never waits for the cache.
pub fn known_end_session_urls(state: &AppState) -> Vec<String> {
    state
        .oidc
        .cache
        .try_lock()
        .map(|cache| {
            cache
                .values()
                .filter_map(|(_, d)| d.end_session.as_ref().map(|u| u.url().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// Where to send a person signing out who signed in with `signed_in_with` ("citizen" or
/// "staff"), so the provider ends its session too and the next sign-in asks for them again
/// (ASVS 7.6): the provider's end-session endpoint with our client id and the front page to come
/// back to. None when they signed in otherwise or the provider has no such endpoint.
pub async fn end_session_url(state: &AppState, signed_in_with: Option<&str>) -> Option<String> {
    let kind = LoginKind::from_code(signed_in_with?)?;
    let config = settings_for(state, kind)?;
    let provider = discovered(state, kind).await.ok()?;
    let endpoint = provider.end_session.clone()?;
    let back = PostLogoutRedirectUrl::new(format!("{}/", state.settings.base_url)).ok()?;
    Some(
        LogoutRequest::from(endpoint)
            .set_client_id(ClientId::new(config.client_id.clone()))
            .set_post_logout_redirect_uri(back)
            .http_get_url()
            .to_string(),
    )
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/log-ind/mitid", get(begin_citizen))
        .route("/log-ind/medarbejder", get(begin_staff))
        .route(CALLBACK_PATH, get(callback))
}

fn refuse(state: &AppState, r: Refusal) -> Response {
    metrics::counter!("portal_sign_ins_refused_total", "reason" => r.code()).increment(1);
    let dev = state.settings.is_development();
    (
        [(header::SET_COOKIE, cookie(LOGIN_COOKIE, "", 0, dev))],
        Redirect::to(&format!("/log-ind/fejl?grund={}", r.code())),
    )
        .into_response()
}

/// `?til=/path`: where to go after signing in (a path on this site, e.g. an invitation link).
#[derive(Deserialize)]
struct BeginParams {
    til: Option<String>,
}

async fn begin_citizen(State(state): State<AppState>, Query(p): Query<BeginParams>) -> Response {
    begin(&state, LoginKind::Citizen, p.til.as_deref()).await
}

async fn begin_staff(State(state): State<AppState>, Query(p): Query<BeginParams>) -> Response {
    begin(&state, LoginKind::Staff, p.til.as_deref()).await
}

async fn begin(state: &AppState, kind: LoginKind, return_to: Option<&str>) -> Response {
    let client = match client(state, kind).await {
        Ok(c) => c,
        Err(r) => return refuse(state, r),
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".into()))
        // Always a fresh authentication: a session the provider remembers (say, of the person
        // before on a shared computer) must not sign anyone in without them (ASVS 7.6).
        .add_prompt(CoreAuthPrompt::Login)
        // And max_age=0, which obliges the provider to say when the person authenticated.
        .set_max_age(std::time::Duration::ZERO)
        .set_pkce_challenge(challenge);
    if kind == LoginKind::Staff {
        request = request.add_scope(Scope::new("roles".into()));
    }
    let (url, csrf, nonce) = request.url();
    let now = state.clock.now();
    let pending = PendingLogin {
        state_hash: hash_session_id(csrf.secret()),
        kind: kind.code().into(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        return_to: return_to
            .and_then(safe_return_path)
            .unwrap_or(kind.landing())
            .into(),
        created_at: now,
        expires_at: now + LOGIN_WINDOW,
    };
    if let Err(e) = state.repo.insert_pending_login(&pending).await {
        tracing::error!(error = %e, "could not store a pending sign-in");
        return refuse(state, Refusal::ProviderUnavailable);
    }
    let dev = state.settings.is_development();
    (
        [(
            header::SET_COOKIE,
            cookie(LOGIN_COOKIE, csrf.secret(), LOGIN_WINDOW.num_seconds(), dev),
        )],
        Redirect::to(url.as_str()),
    )
        .into_response()
}

#[derive(Deserialize)]
struct CallbackParams {
    state: Option<String>,
    /// RFC 9207: the issuer that answered, when the provider says; it must be ours.
    iss: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<CallbackParams>,
) -> Response {
    match finish(&state, &headers, params).await {
        Ok((set_cookie, to)) => {
            let dev = state.settings.is_development();
            let mut res = Redirect::to(&to).into_response();
            let h = res.headers_mut();
            h.append(header::SET_COOKIE, set_cookie);
            h.append(header::SET_COOKIE, cookie(LOGIN_COOKIE, "", 0, dev));
            res
        }
        Err(r) => refuse(&state, r),
    }
}

/// Checks the answer and signs the person in: the Set-Cookie for the new session and where to go.
async fn finish(
    state: &AppState,
    headers: &HeaderMap,
    params: CallbackParams,
) -> Result<(http::HeaderValue, String), Refusal> {
    let returned = params.state.ok_or(Refusal::UnknownState)?;
    // The state must be the one this browser was given; a callback from elsewhere is refused.
    let ours = cookie_value(headers, LOGIN_COOKIE).ok_or(Refusal::UnknownState)?;
    if hash_session_id(&ours) != hash_session_id(&returned) {
        return Err(Refusal::UnknownState);
    }
    let now = state.clock.now();
    let pending = state
        .repo
        .take_pending_login(&hash_session_id(&returned), now)
        .await
        .map_err(unavailable)?
        .ok_or(Refusal::UnknownState)?;
    let kind = LoginKind::from_code(&pending.kind).ok_or(Refusal::UnknownState)?;
    if let (Some(iss), Some(config)) = (&params.iss, settings_for(state, kind)) {
        if iss != &config.issuer {
            tracing::warn!(issuer = %iss, "answer from another issuer refused");
            return Err(Refusal::InvalidToken);
        }
    }
    if let Some(e) = params.error {
        tracing::info!(error = %e, "the provider ended the sign-in");
        return Err(Refusal::Cancelled);
    }
    let code = params.code.ok_or(Refusal::Cancelled)?;
    let client = client(state, kind).await?;
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(unavailable)?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
        .request_async(&state.oidc.http)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "code exchange failed");
            Refusal::InvalidToken
        })?;
    let id_token = token.id_token().ok_or(Refusal::InvalidToken)?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(pending.nonce))
        .map_err(|e| {
            // The reason, never the token or its personal claims.
            tracing::warn!(reason = %e, "ID token refused");
            Refusal::InvalidToken
        })?;
    // The provider must say when the person authenticated, and it must be during this sign-in
    // (within the sign-in window, by the provider's clock and ours, which is real time here, not
    // the portal's injectable clock: it is the provider's time being compared).
    let authenticated = claims.auth_time().ok_or_else(|| {
        tracing::warn!("ID token without auth_time refused");
        Refusal::InvalidToken
    })?;
    let real_now = chrono::Utc::now();
    if authenticated < real_now - LOGIN_WINDOW || authenticated > real_now + Duration::minutes(2) {
        tracing::warn!("ID token from an earlier authentication refused");
        return Err(Refusal::InvalidToken);
    }
    let extra = claims.additional_claims();
    let vouched = Vouched {
        // As configured (the verifier checked the token's issuer is this one).
        issuer: settings_for(state, kind)
            .map(|c| c.issuer.clone())
            .unwrap_or_default(),
        subject: claims.subject().to_string(),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string()),
        birthdate: claims.birthdate().map(|b| b.to_string()),
        loa: extra.loa.clone(),
        municipality: extra.municipality.clone(),
        roles: extra.roles.clone(),
    };
    // Where the sign-in was started for (an invitation link), or the usual landing page.
    let mut landing = safe_return_path(&pending.return_to)
        .unwrap_or(kind.landing())
        .to_string();
    let (person, on_behalf_of, how) = match kind {
        LoginKind::Citizen => {
            let who = accept_citizen(&vouched)?;
            let id = upsert_person(state, &who.subject, &who.name, who.birth_date).await?;
            // Someone holding powers of attorney first chooses whom to act for.
            let today = crate::domain::time_format::local_date(now);
            let holds = state
                .repo
                .valid_powers_held_by(id, today)
                .await
                .map_err(unavailable)?;
            if !holds.is_empty() && landing == kind.landing() {
                landing = "/handler-for".into();
            }
            (id, Some(id), "MitID")
        }
        LoginKind::Staff => {
            let served: Vec<&str> = state
                .municipalities
                .all()
                .iter()
                .map(|m| m.slug.as_str())
                .collect();
            let who = accept_staff(&vouched, &served)?;
            let id = upsert_person(state, &who.subject, &who.name, None).await?;
            state
                .repo
                .set_staff_roles(id, &who.municipality, &who.roles, now)
                .await
                .map_err(unavailable)?;
            (id, None, "staff provider")
        }
    };
    // Signing in replaces any session this browser had.
    let dev = state.settings.is_development();
    if let Some(old) = cookie_value(headers, session_cookie_name(dev)) {
        if let Err(e) = state.repo.delete_web_session(&hash_session_id(&old)).await {
            // The new session is still made; the old one expires by itself.
            tracing::warn!(error = %e, "could not end the earlier session at sign-in");
        }
    }
    // The sign-in is recorded with the session it starts.
    let set_cookie = super::request::record(state, Some(person), on_behalf_of, Action::SignIn, how)
        .of(
            state,
            start_session_with(state, person, None, Some(kind.code())),
        )
        .await
        .map_err(unavailable)?;
    Ok((set_cookie, landing))
}

async fn upsert_person(
    state: &AppState,
    subject: &str,
    name: &str,
    birth_date: Option<chrono::NaiveDate>,
) -> Result<i64, Refusal> {
    let now = state.clock.now();
    let unavailable = |_| Refusal::ProviderUnavailable;
    match state
        .repo
        .person_by_subject(subject)
        .await
        .map_err(unavailable)?
    {
        Some(p) => {
            state
                .repo
                .update_person_identity(p.id, name, birth_date)
                .await
                .map_err(unavailable)?;
            Ok(p.id)
        }
        None => state
            .repo
            .insert_person(
                &NewPerson {
                    subject: subject.into(),
                    name: name.into(),
                    email: None,
                    phone: None,
                    birth_date,
                    home_municipality: None,
                },
                now,
            )
            .await
            .map_err(unavailable),
    }
}

/// The sign-in cannot go on because something on our side or the provider's failed: logged here
/// (no personal data in these errors), shown to the person as the provider being unavailable.
fn unavailable(e: impl std::fmt::Display) -> Refusal {
    tracing::warn!(error = %e, "sign-in could not go on");
    Refusal::ProviderUnavailable
}
