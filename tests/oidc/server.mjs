// A real OpenID provider (npm oidc-provider) on loopback, standing in for Keycloak in tests.
//
// Environment: PORT, JWKS_FILE (a private JWKS; the test holds the same keys so it can also
// craft hostile tokens), AUDIENCE (the resource server, default prodvor-bff).
// Access tokens are JWTs shaped like Keycloak's: realm_access.roles, preferred_username,
// email and name. Tokens come from the client-credentials grant: one client per test user,
// whose client_id becomes the token's subject.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const audience = process.env.AUDIENCE || 'prodvor-bff';
const jwks = JSON.parse(readFileSync(process.env.JWKS_FILE, 'utf8'));

const users = {
  'user-alice': { name: 'Алиса Тестова', roles: ['PLAYER', 'CAPTAIN'] },
  'user-boris': { name: 'Борис Тестов', roles: ['PLAYER'] },
  'user-racer': { name: 'Гонщик Конкурентов', roles: ['PLAYER'] },
};

const clients = Object.keys(users).map((clientId) => ({
  client_id: clientId,
  client_secret: `${clientId}-secret`,
  grant_types: ['client_credentials'],
  redirect_uris: [],
  response_types: [],
}));

const provider = new Provider(issuer, {
  cookies: { keys: ['prodvor-test-cookie-key'] },
  jwks,
  clients,
  features: {
    clientCredentials: { enabled: true },
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
    const user = users[token.clientId];
    if (!user) return undefined;
    return {
      preferred_username: token.clientId.replace(/^user-/, ''),
      email: `${token.clientId}@example.test`,
      name: user.name,
      realm_access: { roles: user.roles },
    };
  },
});

provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
