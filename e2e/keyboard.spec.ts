import type { Page } from '@playwright/test';
import { expect, test, waitForEngine } from './fixtures';

interface Focused {
  what: string;
  testId: string | null;
  role: string | null;
  focusVisible: boolean;
  ring: boolean;
}

/** The focused element, and whether it shows a focus ring a person can see. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return {
      what: `<${el.tagName.toLowerCase()}> ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`,
      testId: el.getAttribute('data-testid'),
      role: el.getAttribute('role'),
      focusVisible: el.matches(':focus-visible'),
      ring: outline || style.boxShadow !== 'none',
    };
  });
}

/** Presses Tab until `found` holds, checking the focus ring of every element on the way. */
async function tabTo(page: Page, found: (f: Focused) => boolean, limit = 40): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    path.push(f.what);
    if (f.what.startsWith('<body>')) continue;
    expect(f.focusVisible, `${f.what} matches :focus-visible`).toBe(true);
    expect(f.ring, `${f.what} shows a focus ring`).toBe(true);
    if (found(f)) return;
  }
  throw new Error(`Not reached in ${limit} Tabs; focus went ${path.join(' → ')}`);
}

const byTestId = (id: string) => (f: Focused) => f.testId === id;

test('keyboard only: the sample, the tabs, a recognition result and the accuracy panel', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/#dataset');
  await waitForEngine(page);

  await tabTo(page, byTestId('try-sample'));
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('accuracy-panel');
  await expect(panel).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('tested')).toHaveText('16');

  // The tab bar is one Tab stop; arrow keys move between tabs and open them.
  await tabTo(page, (f) => f.role === 'tab');
  await expect(page.getByRole('tab', { name: 'Recognise' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Face databases' })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Face databases' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Recognise' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel).toBeVisible();

  // The threshold slider, by arrow keys: 30 steps of 0.01 down, and the panel follows.
  await tabTo(page, byTestId('threshold'));
  const before = Number(await page.getByTestId('threshold-value').textContent());
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowLeft');
  const after = (before - 0.3).toFixed(2);
  await expect(page.getByTestId('threshold-value')).toHaveText(after);
  await expect(panel).toContainText(`at threshold ${after}`);

  // Space ticks "only mistakes": the grid keeps just the images not named correctly.
  await tabTo(page, byTestId('only-mistakes'));
  await page.keyboard.press('Space');
  await expect(page.getByTestId('only-mistakes')).toBeChecked();
  const grid = page.getByTestId('image-grid');
  const shown = Number(await grid.getAttribute('data-count'));
  const summary = JSON.parse((await page.locator('[data-summary]').getAttribute('data-summary'))!) as {
    tested: number;
    accuracyWithThreshold: number;
  };
  expect(shown).toBe(Math.round(summary.tested * (1 - summary.accuracyWithThreshold)));
  await expect(grid.locator('[data-verdict="correct"]')).toHaveCount(0);

  // A recognition result: Enter on a tile opens its detail, Enter on Close shuts it and focus returns.
  await tabTo(page, byTestId('grid-cell'));
  const tile = await page.evaluate(() => document.activeElement!.getAttribute('data-image-id'));
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('face-detail');
  await expect(detail).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('face-detail-close')).toBeFocused();
  const close = await focused(page);
  expect(close.focusVisible && close.ring, 'Close shows a focus ring').toBe(true);
  await expect(page.getByTestId('detail-person').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(detail).toBeHidden();
  await expect(page.locator(`[data-testid="grid-cell"][data-image-id="${tile}"]`)).toBeFocused();
});

test('keyboard only: Settings and "Load your own model" take the focus, close on Escape and give it back', async ({
  page,
}) => {
  await page.goto('/#dataset');
  await waitForEngine(page);

  // Settings: Enter opens it with the focus inside; Escape closes it and the focus returns.
  await tabTo(page, byTestId('open-settings'));
  await page.keyboard.press('Enter');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);

  // Advanced opens with Enter on its summary; then "Load your own model…", a dialog over Settings.
  await tabTo(page, (f) => f.what.startsWith('<summary>') && f.what.includes('Advanced'));
  await page.keyboard.press('Enter');
  await tabTo(page, (f) => f.what.includes('Load your own model'));
  await page.keyboard.press('Enter');
  const own = page.getByRole('dialog', { name: 'Load your own model' });
  await expect(own).toBeVisible();
  expect(await own.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(own).toBeHidden();
  await expect(page.getByRole('button', { name: 'Load your own model…' })).toBeFocused();
  await expect(settings).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect(page.getByTestId('open-settings')).toBeFocused();

  // The status dot's words: Enter shows them, Escape hides them again.
  await tabTo(page, byTestId('engine-dot'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('engine-status')).toBeVisible();
  await expect(page.getByTestId('engine-status')).toContainText('Ready');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('engine-status')).toBeHidden();
});
