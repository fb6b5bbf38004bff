// @ts-check
// Uses Debian's Chromium when it is installed; otherwise installs Playwright's own Chromium (a user's machine).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (system) {
  console.log(`e2e browser: ${system}`);
} else {
  console.log('e2e browser: no system Chromium, installing Playwright Chromium');
  execSync('npx playwright install chromium', { stdio: 'inherit' });
}
