import { existsSync } from 'node:fs';

/** Debian's Chromium where it is installed (CI, this workplace); Playwright's own browser elsewhere. */
export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export const chromiumArgs = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
