import type { PersonRecord } from '../../storage/schema';

export type ChartSort = 'count' | 'name';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function sortPeople(people: readonly PersonRecord[], sort: ChartSort): PersonRecord[] {
  const byName = (a: PersonRecord, b: PersonRecord) => collator.compare(a.name, b.name);
  return [...people].sort(sort === 'name' ? byName : (a, b) => b.imageCount - a.imageCount || byName(a, b));
}

/**
 * A chart title broken at spaces into lines of at most `maxChars` characters (a longer word keeps
 * its own line), joined with plotly's `<br>`: plotly never wraps a title, and on a phone a one-line
 * title runs off both sides of the chart. The text must be escaped already; entities hold no
 * spaces, so none is split.
 */
export function wrapPlotlyTitle(text: string, maxChars: number): { text: string; lines: number } {
  const lines: string[] = [];
  for (const word of text.split(' ').filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= maxChars)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return { text: lines.join('<br>'), lines: Math.max(1, lines.length) };
}
