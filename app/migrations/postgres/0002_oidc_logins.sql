-- Sign-ins under way with the OpenID provider: created when the browser is sent to the provider,
-- taken (deleted) when it comes back. `state_hash` is the SHA-256 of the state parameter; the same
-- state is also in a short-lived cookie, so a callback only works in the browser that started it.
create table oidc_logins (
    state_hash text primary key,
    kind text not null check (kind in ('citizen', 'staff')),
    nonce text not null,
    pkce_verifier text not null,
    return_to text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index oidc_logins_expires on oidc_logins(expires_at);
