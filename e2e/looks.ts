import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';

export const viewports = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
] as const;

export const tabs = [
  { id: 'dataset', name: 'Dataset' },
  { id: 'library', name: 'Your photos' },
  { id: 'databases', name: 'Face databases' },
  { id: 'recognise', name: 'Recognise' },
  { id: 'dashboard', name: 'Dashboard' },
  { id: 'camera', name: 'Camera' },
  { id: 'compare', name: 'Compare faces' },
] as const;
export type TabId = (typeof tabs)[number]['id'];

/**
 * What a person would see go wrong, as sentences: the page wider than the window, or a visible
 * control (input, select, button, summary) beyond the window's right edge or covered by another
 * element at its centre. Each control is scrolled into view vertically before it is looked at.
 * With a modal dialog or a popover open, only its controls are looked at.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > innerWidth)
      problems.push(`the page is ${root.scrollWidth} px wide in a ${innerWidth} px window`);
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const label =
        el.getAttribute('aria-label') ??
        (el as HTMLInputElement).labels?.[0]?.textContent ??
        el.textContent ??
        '';
      return `<${el.tagName.toLowerCase()}${id ? ` data-testid=${id}` : ''}> “${label.trim().slice(0, 40)}”`;
    };
    // What is painted over a control covers it even where it lets clicks through (a chart's SVG).
    const everyHit = document.createElement('style');
    everyHit.textContent = '*, *::before, *::after { pointer-events: auto !important; }';
    document.head.append(everyHit);
    // With a modal dialog open, the page behind it is inert: only the topmost dialog's controls
    // count. An open popover (the engine's words) is dismissed by a click outside it: the same.
    const scope =
      Array.from(document.querySelectorAll('dialog[open]:modal, :popover-open')).at(-1) ?? document;
    const controls = Array.from(scope.querySelectorAll('input, select, button, textarea, summary')).filter(
      (el) =>
        el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
        el.getBoundingClientRect().width > 0,
    );
    for (const el of controls) {
      el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
      // Only vertical scrolling is a person's business; the page itself must never scroll sideways.
      if (scrollX !== 0) scrollTo({ left: 0, top: scrollY, behavior: 'instant' });
      const r = el.getBoundingClientRect();
      const width = root.clientWidth;
      if (r.left < 0 || r.right > width + 0.5) {
        problems.push(`${describe(el)} spans x ${Math.round(r.left)}–${Math.round(r.right)} in ${width} px`);
        continue;
      }
      const x = Math.min(Math.max(r.left + r.width / 2, 0), width - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
      const hit = document.elementFromPoint(x, y);
      const ownLabel = hit instanceof HTMLLabelElement && hit.control === el;
      if (!hit || (!el.contains(hit) && !ownLabel))
        problems.push(`${describe(el)} is covered by ${hit ? describe(hit) : 'nothing'}`);
    }
    everyHit.remove();
    scrollTo({ left: 0, top: 0, behavior: 'instant' });
    return problems;
  });
}

/** Axe violations of serious or critical impact, one line each; the rest are returned apart. */
export async function axeViolations(page: Page): Promise<{ serious: string[]; minor: string[] }> {
  // Only violations are reported in full: passes and incomplete results cost time on a big page.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const line = (v: (typeof results.violations)[number]) =>
    `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(' '))
      .join(', ')})`;
  const bad = (v: (typeof results.violations)[number]) => v.impact === 'serious' || v.impact === 'critical';
  return {
    serious: results.violations.filter(bad).map(line),
    minor: results.violations.filter((v) => !bad(v)).map(line),
  };
}

/** A full-page screenshot kept as a test artifact, named after the state, tab and viewport. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
