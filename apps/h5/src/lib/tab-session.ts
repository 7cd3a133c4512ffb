import { api, ApiError, type Service } from './api';

/**
 * A signed-in session on this tab (sessionStorage: gone with the tab, and the service forgets it
 * on its own clock): the token goes in a header, never in an address.
 */
export interface TabSession {
  token: string;
  expiresAt: string;
}

export function tabSession(storageKey: string, header: (token: string) => Record<string, string>, whoLabel: string) {
  function current(): TabSession | null {
    try {
      const session = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as TabSession | null;
      return session && new Date(session.expiresAt).getTime() > Date.now() ? session : null;
    } catch {
      return null;
    }
  }

  function keep(session: TabSession): void {
    sessionStorage.setItem(storageKey, JSON.stringify({ token: session.token, expiresAt: session.expiresAt }));
  }

  function forget(): void {
    sessionStorage.removeItem(storageKey);
  }

  /** A call as the signed-in person; an expired session is forgotten (the page then asks to sign in again). */
  async function call<T>(service: Service, path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
    const session = current();
    if (!session) throw new ApiError(401, 'session_missing', `请先以${whoLabel}身份登录`);
    try {
      return await api<T>(service, path, { ...init, headers: { ...init.headers, ...header(session.token) } });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) forget();
      throw e;
    }
  }

  return { current, keep, forget, call };
}
