import { defineStore } from 'pinia';
import type { User } from 'oidc-client-ts';
import { officerOf, userManager, type Officer } from './auth';

/** The signed-in officer (pinia): the user of oidc-client-ts and the claims read from its access token. */
export const useSession = defineStore('session', {
  state: () => ({ user: undefined as User | undefined, officer: undefined as Officer | undefined }),
  getters: {
    signedIn: (state) => state.user !== undefined && !state.user.expired,
  },
  actions: {
    set(user: User | null | undefined) {
      this.user = user ?? undefined;
      this.officer = user ? officerOf(user) : undefined;
    },
    async load(): Promise<void> {
      this.set(await userManager.getUser());
    },
    async signIn(returnTo: string): Promise<void> {
      await userManager.signinRedirect({ state: { returnTo } });
    },
    async signOut(): Promise<void> {
      await userManager.signoutRedirect();
    },
  },
});

/** The current access token, renewed with the refresh token when it has run out (one renewal at a time). */
let renewing: Promise<User | null> | undefined;
export async function accessToken(): Promise<string | undefined> {
  const session = useSession();
  let user = session.user ?? (await userManager.getUser()) ?? undefined;
  if (user && user.expired && user.refresh_token) {
    renewing ??= userManager.signinSilent().finally(() => (renewing = undefined));
    user = (await renewing.catch(() => null)) ?? undefined;
  }
  session.set(user);
  return user && !user.expired ? user.access_token : undefined;
}
