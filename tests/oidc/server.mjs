// A real OpenID provider (npm oidc-provider) on loopback, standing in for Keycloak in tests.
//
// Environment: PORT, JWKS_FILE (a private JWKS; the test holds the same keys so it can also
// craft hostile tokens), AUDIENCE (the resource server, default prodvor-bff), and for the
// browser login client: BFF_URL (where the browser reaches /auth/*), FRONTEND_URL (where it
// lands after logout) and BACKCHANNEL_LOGOUT_URI (where the provider posts logout tokens).
//
// Access tokens are JWTs shaped like Keycloak's: realm_access.roles, preferred_username,
// email and name. They come from two kinds of clients:
// - client credentials: one client per test user, whose client_id becomes the token's subject;
// - prodvor-web, the BFF's confidential authorization-code client (PKCE required, refresh
//   tokens rotated on every use, RP-initiated and back-channel logout). Its users sign in
//   through the provider's dev interactions: any login, any password; the login is the subject.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const audience = process.env.AUDIENCE || 'prodvor-bff';
const jwks = JSON.parse(readFileSync(process.env.JWKS_FILE, 'utf8'));
const bffUrl = process.env.BFF_URL || 'https://prodvor.test';
const frontendUrl = process.env.FRONTEND_URL || bffUrl;
const backchannelLogoutUri = process.env.BACKCHANNEL_LOGOUT_URI;

const users = {
  'user-alice': { name: 'Алиса Тестова', roles: ['PLAYER', 'CAPTAIN'] },
  'user-boris': { name: 'Борис Тестов', roles: ['PLAYER'] },
  'user-racer': { name: 'Гонщик Конкурентов', roles: ['PLAYER'] },
};

function profile(subject) {
  return {
    preferred_username: subject.replace(/^user-/, ''),
    email: `${subject}@example.test`,
    name: users[subject]?.name ?? subject,
    realm_access: { roles: users[subject]?.roles ?? ['PLAYER'] },
  };
}

const clients = Object.keys(users).map((clientId) => ({
  client_id: clientId,
  client_secret: `${clientId}-secret`,
  grant_types: ['client_credentials'],
  redirect_uris: [],
  response_types: [],
}));

clients.push({
  client_id: 'prodvor-web',
  client_secret: 'prodvor-web-secret',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  redirect_uris: [`${bffUrl}/auth/callback`],
  post_logout_redirect_uris: [`${frontendUrl}/`],
  ...(backchannelLogoutUri && {
    backchannel_logout_uri: backchannelLogoutUri,
    backchannel_logout_session_required: true,
  }),
});

const provider = new Provider(issuer, {
  cookies: { keys: ['prodvor-test-cookie-key'] },
  jwks,
  clients,
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
  },
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        const { realm_access: _, ...claims } = profile(sub);
        return { sub, ...claims };
      },
    };
  },
  pkce: { required: () => true },
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  features: {
    clientCredentials: { enabled: true },
    devInteractions: { enabled: true },
    revocation: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    backchannelLogout: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:prodvor:bff',
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 300,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  async extraTokenClaims(ctx, token) {
    const subject = token.accountId ?? token.clientId;
    if (!token.accountId && !users[subject]) return undefined;
    return profile(subject);
  },
});

provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
