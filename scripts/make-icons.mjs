// @ts-check
// Renders the PWA's PNG icons from public/icon.svg in headless Chromium (no image tool needed).
// Run after changing the icon: `node scripts/make-icons.mjs`; the PNGs are committed.
import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';

const publicDir = resolve(import.meta.dirname, '../public');
const svg = readFileSync(resolve(publicDir, 'icon.svg'), 'utf8');
const inner = svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
// Maskable: full-bleed background, the glyph inside the central 80 % safe zone.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#1f3a5f"/><g transform="translate(32 32) scale(0.72) translate(-32 -32)">${inner.replace(/<rect[^>]*\/>/, '')}</g></svg>`;

const icons = [
  { file: 'pwa-192x192.png', size: 192, svg },
  { file: 'pwa-512x512.png', size: 512, svg },
  { file: 'maskable-icon-512x512.png', size: 512, svg: maskable },
  { file: 'apple-touch-icon-180x180.png', size: 180, svg: maskable },
];

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const src = `data:image/svg+xml;base64,${Buffer.from(icon.svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${icon.size}" height="${icon.size}">`,
    );
    await page.locator('img').evaluate((img) => /** @type {HTMLImageElement} */ (img).decode());
    await page.screenshot({ path: resolve(publicDir, icon.file), omitBackground: true });
    await page.close();
    console.log(`public/${icon.file}`);
  }
} finally {
  await browser.close();
}
