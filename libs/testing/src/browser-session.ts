/**
 * What a browser does between pages, for HTTP tests without one: keeps the cookies the server
 * sets (by name; an expired or emptied cookie is dropped) and sends them back, follows no
 * redirect by itself (the test reads each Location), posts forms urlencoded.
 */
export class BrowserSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    return this.request(path, { method: 'GET' });
  }

  async postForm(path: string, form: Record<string, string>): Promise<Response> {
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }

  /** Follows redirects within the base (as a browser would) until one leaves it or an answer is not a redirect. */
  async follow(response: Response): Promise<Response> {
    let current = response;
    for (let hops = 0; hops < 10 && current.status >= 300 && current.status < 400; hops++) {
      const location = new URL(current.headers.get('location')!, this.base);
      if (location.origin !== new URL(this.base).origin) return current;
      current = await this.get(location.pathname + location.search);
    }
    return current;
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const url = new URL(path, this.base);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]!) < new Date()) || attributes.some((a) => /^\s*max-age=0/i.test(a));
      if (expired || value.join('=') === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    return response;
  }
}
