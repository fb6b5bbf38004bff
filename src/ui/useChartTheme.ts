import { useSyncExternalStore } from 'react';
import type { ChartPalette } from '../core/evaluation/figure';

/** What a chart is drawn with, read from the design tokens (tokens.css) of the page as it is now. */
export interface ChartTheme extends ChartPalette {
  font: string;
}

function read(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    font: token('--font', 'system-ui, sans-serif'),
    text: token('--text', '#1c2024'),
    muted: token('--text-muted', '#60646c'),
    grid: token('--border', '#d9d9e0'),
    surface: token('--surface', '#ffffff'),
    accent: token('--accent', '#3e63dd'),
    right: token('--mark-right', '#30a46c'),
    wrong: token('--mark-wrong', '#e5484d'),
  };
}

let current: ChartTheme | null = null;

/** The theme changes with the system's light or dark setting, or with a class or style on <html>. */
function subscribe(onChange: () => void): () => void {
  const changed = () => {
    current = null;
    onChange();
  };
  const dark = matchMedia('(prefers-color-scheme: dark)');
  dark.addEventListener('change', changed);
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['class', 'style', 'data-theme'],
  });
  return () => {
    dark.removeEventListener('change', changed);
    observer.disconnect();
  };
}

/** The chart theme, read when first asked for and again whenever the page's theme changes. */
export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, () => (current ??= read()));
}
