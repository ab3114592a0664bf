import type { Page } from 'playwright-core';

/**
 * One adversarial page of the leak corpus. It plants fake secrets and a
 * visible canary; it is clean when no secret reaches the collector or web
 * storage in any form, and the canary does.
 */
export interface LeakPage {
  /** Unique, kebab-case; the page is served at `/p/<name>`. */
  name: string;
  /** Which masking mechanism the page exercises (issue 3's list). */
  mechanism: string;
  /** Body markup; inline scripts may set the page up before recording starts. */
  body: string;
  /** Extra `<head>` markup, placed before the snippet. Default: a plain title. */
  head?: string;
  /** Appended to the page URL, e.g. `?token=...` or `#...`. */
  query?: string;
  /** Extra `Lowlight.start()` options as a JavaScript object-literal fragment. */
  startOptions?: string;
  /** Other documents served beside the page (iframes, a page that links here), by path. */
  extraPages?: Record<string, string>;
  /** Open this path first and let `act` navigate to the recorded page (for referrers). */
  entry?: string;
  /** Strings that must never leave the page. */
  secrets: string[];
  /** Visible text that must arrive, proving the page was recorded at all. */
  canary: string;
  /** Patterns that must not appear in what is sent (e.g. canvas pixels). */
  forbidden?: RegExp[];
  /** What the visitor (or the page's own scripts) does after recording starts. */
  act?: (page: Page) => Promise<void>;
}

/** The forms a leaked secret could take on the wire. */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  const digits = secret.replace(/\D/g, '');
  if (digits.length >= 9) forms.add(digits);
  return [...forms];
}
