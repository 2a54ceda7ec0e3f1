// Shared by the browser tests: Debian's Chromium driven by playwright-core (never a
// downloaded browser), optionally with an unpacked extension loaded.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
  '--disable-default-apps', '--no-default-browser-check',
];

/**
 * A fresh persistent Chromium profile, headless (the new headless mode, which runs
 * extensions), with `extension` (an unpacked extension directory) loaded when given.
 * @param {{extension?: string}} [options]
 * @returns {Promise<{context: import('playwright-core').BrowserContext, close: () => Promise<void>}>}
 */
export async function launch({ extension } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'surligneur-profile-'));
  const args = [...ARGS];
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
