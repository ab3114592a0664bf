import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. Override with LOWLIGHT_CHROMIUM elsewhere. */
export const CHROMIUM_PATH = process.env.LOWLIGHT_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const hasChromium = existsSync(CHROMIUM_PATH);

if (!hasChromium) {
  const message = `Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (or set LOWLIGHT_CHROMIUM).`;
  // In CI a missing browser is a failure, never a silent skip.
  if (process.env.CI) throw new Error(message);
  console.warn(`\n[lowlight tests] ${message} Browser tests are skipped on this machine.\n`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
