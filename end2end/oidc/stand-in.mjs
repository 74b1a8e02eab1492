// A stand-in MitID broker and municipal staff provider for the browser tests: the real
// `oidc-provider` (a certified OpenID Connect implementation) with test persons, the NSIS
// assurance-level claim, and staff claims. Log in on its form with one of the names below and any
// password. Some names make the provider's answer wrong on purpose, so the tests can check that
// the portal refuses it: the ID token is re-signed with the provider's own key after a change.
import Provider from 'oidc-provider';
import * as jose from 'jose';

const port = Number(process.env.OIDC_PORT ?? 4100);
const portal = process.env.PORTAL_URL ?? 'http://127.0.0.1:3100';
// localhost, not 127.0.0.1: cookies ignore ports, and the portal runs on 127.0.0.1.
const issuer = `http://localhost:${port}`;
const LOA = 'https://data.gov.dk/concept/core/nsis/loa';

const people = {
  ida: { name: 'Ida Mortensen', birthdate: '1958-04-12', loa: 'Substantial' },
  hanne: { name: 'Hanne Høj', birthdate: '1949-09-30', loa: 'High' },
  lav: { name: 'Lars Lavesen', birthdate: '1960-01-01', loa: 'Low' },
  fremmed: { name: 'Frida Fremmed', loa: 'High', tamper: 'audience' },
  udloebet: { name: 'Ulla Udløbet', loa: 'High', tamper: 'expired' },
  nonce: { name: 'Nina Nonce', loa: 'High', tamper: 'nonce' },
  'medarbejder-brs': { name: 'Birgit Visitator', loa: 'Substantial', municipality: 'broenderslev', roles: ['visitator'] },
  'medarbejder-ukendt': { name: 'Uffe Ukendt', loa: 'Substantial', municipality: 'aarhus', roles: ['visitator'] },
};

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const kid = 'stand-in-1';
const privateJwk = { ...(await jose.exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };

const client = (client_id, client_secret) => ({
  client_id,
  client_secret,
  redirect_uris: [`${portal}/log-ind/retur`],
  // Signing out of the portal ends the session here too (RP-initiated logout) and comes back.
  post_logout_redirect_uris: [`${portal}/`],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
});

const provider = new Provider(issuer, {
  clients: [client('traeningsportalen', 'borger-hemmelighed'), client('traeningsportalen-personale', 'personale-hemmelighed')],
  jwks: { keys: [privateJwk] },
  pkce: { required: () => true, methods: ['S256'] },
  scopes: ['openid', 'profile', 'roles'],
  claims: { openid: ['sub'], profile: ['name', 'birthdate', LOA], roles: ['municipality', 'roles'] },
  conformIdTokenClaims: false,
  cookies: { keys: ['stand-in-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const p = people[id] ?? { name: id, loa: 'Substantial' };
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: p.name, birthdate: p.birthdate, [LOA]: p.loa, municipality: p.municipality, roles: p.roles };
      },
    };
  },
  // A first-party client: no consent page after the login form.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile roles');
    await grant.save();
    return grant;
  },
});

// The deliberately wrong answers: change one claim of the ID token and sign it again.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.oidc?.route !== 'token' || !ctx.body?.id_token) return;
  const claims = jose.decodeJwt(ctx.body.id_token);
  const tamper = people[claims.sub]?.tamper;
  if (!tamper) return;
  const now = Math.floor(Date.now() / 1000);
  if (tamper === 'audience') claims.aud = 'en-anden-tjeneste';
  if (tamper === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (tamper === 'nonce') claims.nonce = 'ikke-den-rigtige';
  ctx.body = { ...ctx.body, id_token: await new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey) };
});

provider.listen(port, () => {
  console.log(`stand-in OpenID provider at ${issuer}`);
});
