import { existsSync } from 'node:fs';

/** The Chromium to drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else null. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p)) ?? null;
}
