/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback, for tests. People
 * "log in" without a form: the test says who the next login is (`loginAs`), and the provider's
 * interaction finishes as that account. Consent is pre-granted for openid email profile.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { interactionPolicy } from 'oidc-provider';

export type TestClaims = Record<string, unknown> & { sub: string };

export interface TestIdentityProvider {
  issuer: string;
  /** Registers an account the provider can log in as (a name for the test → claims; sub is the account id). */
  addAccount(id: string, claims: TestClaims): void;
  /** The account the next login finishes as. */
  loginAs(id: string): void;
  close(): Promise<void>;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export async function startTestIdentityProvider(clients: TestClient[]): Promise<TestIdentityProvider> {
  const accounts = new Map<string, TestClaims>();
  let next: string | null = null;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => handler?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Entra ID and Google accept prompt=select_account (pick the account on a shared computer): so does this one.
  const policy = interactionPolicy.base();
  policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }));
  const provider = new Provider(issuer, {
    interactions: { policy },
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    claims: {
      openid: ['sub', 'tid', 'oid', 'hd', 'xms_edov'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, sub: string) => {
      const claims = [...accounts.values()].find((c) => c.sub === sub);
      return claims ? { accountId: sub, claims: () => claims } : undefined;
    },
    loadExistingGrant: async (ctx: any) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx: unknown, error: Error) => console.error('test identity provider:', error));
  const callback = provider.callback();
  handler = (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      (async () => {
        await provider.interactionDetails(req, res);
        if (!next) return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'no test account chosen' });
        const accountId = accounts.get(next)?.sub;
        next = null;
        if (!accountId)
          return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'unknown test account' });
        return provider.interactionFinished(req, res, { login: { accountId }, select_account: {} }, { mergeWithLastSubmission: false });
      })().catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    callback(req, res);
  };

  return {
    issuer,
    addAccount: (id, claims) => accounts.set(id, claims),
    loginAs: (id) => {
      next = id;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
