import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { Role } from './roles';

/**
 * Sign-in at the node's own identity service (its OIDC provider at <origin>/oidc), as the public
 * client `console` with authorization code + PKCE (oidc-client-ts). The tokens live in this tab's
 * sessionStorage (gone when the tab closes, never in a URL after the callback); the access token
 * is renewed with the rotating refresh token before it runs out; log-out revokes the refresh
 * token and ends the session at the provider.
 */
const origin = window.location.origin;

export const userManager = new UserManager({
  authority: `${origin}/oidc`,
  client_id: 'console',
  redirect_uri: `${origin}/console/callback`,
  post_logout_redirect_uri: `${origin}/console/`,
  response_type: 'code',
  scope: 'openid offline_access officer',
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
  automaticSilentRenew: true,
  revokeTokensOnSignout: true,
  revokeTokenTypes: ['refresh_token'],
  // RFC 7009: the client ignores the revocation answer's body; oidc-provider answers 200 with an
  // empty text/plain one, which oidc-client-ts would otherwise refuse, and the log-out stopped there.
  revokeTokenAdditionalContentTypes: ['text/plain'],
  loadUserInfo: false,
});

/** The officer claims of the access token (libs/contracts OfficerClaims): what the services will judge by. */
export interface Officer {
  subject: string;
  role: Role;
  node: string;
  street?: string;
  station?: string;
}

export function officerOf(user: User): Officer | undefined {
  const payload = user.access_token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(new TextDecoder().decode(base64UrlBytes(payload))) as Record<string, unknown>;
    if (typeof claims['role'] !== 'string' || typeof claims['node'] !== 'string' || typeof claims['sub'] !== 'string') return undefined;
    return {
      subject: claims['sub'],
      role: claims['role'] as Role,
      node: claims['node'],
      ...(typeof claims['street'] === 'string' ? { street: claims['street'] } : {}),
      ...(typeof claims['station'] === 'string' ? { station: claims['station'] } : {}),
    };
  } catch {
    return undefined;
  }
}

function base64UrlBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '='));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
