import type { IdentityRecord } from '../../storage/schema';

export type ChartSort = 'count' | 'name';

/**
 * Plotly renders labels and hover text as a subset of HTML. Folder names are user data, so they
 * are escaped to entities, which plotly shows as the literal characters.
 */
export function escapePlotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function sortIdentities(identities: readonly IdentityRecord[], sort: ChartSort): IdentityRecord[] {
  const byName = (a: IdentityRecord, b: IdentityRecord) => collator.compare(a.name, b.name);
  return [...identities].sort(
    sort === 'name' ? byName : (a, b) => b.imageCount - a.imageCount || byName(a, b),
  );
}
