/**
 * Just enough of a browser for login tests: a cookie jar per host and manual redirects. It stops
 * when a redirect lands on the app outside /auth/ (where the web app would take over).
 */
export interface Landing {
  /** Path and query the browser was sent to on the app, e.g. "/" or "/inte-registrerad?…". */
  landedOn: string | null;
  status: number;
  body: string;
}

export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(private readonly appOrigin: string) {}

  cookie(host: string, name: string): string | undefined {
    return this.jars.get(host)?.get(name);
  }

  setCookie(host: string, name: string, value: string): void {
    const jar = this.jars.get(host) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(host, jar);
  }

  cookieHeader(host: string): string {
    return [...(this.jars.get(host) ?? new Map<string, string>()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private store(host: string, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => a.trim().toLowerCase() === 'max-age=0');
      const jar = this.jars.get(host) ?? new Map<string, string>();
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
      this.jars.set(host, jar);
    }
  }

  /** A top-level GET navigation, following redirects. */
  async navigate(start: string, maxHops = 15): Promise<Landing> {
    let url = new URL(start);
    for (let hop = 0; hop < maxHops; hop++) {
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: this.cookieHeader(url.host) } });
      this.store(url.host, response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        const nextUrl = new URL(location, url);
        if (nextUrl.origin === this.appOrigin && !nextUrl.pathname.startsWith('/auth/')) {
          await response.body?.cancel();
          return { landedOn: nextUrl.pathname + nextUrl.search, status: response.status, body: '' };
        }
        await response.body?.cancel();
        url = nextUrl;
        continue;
      }
      return { landedOn: null, status: response.status, body: await response.text() };
    }
    throw new Error(`too many redirects from ${start}`);
  }
}
