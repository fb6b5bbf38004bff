import type { IdentityRecord } from '../../storage/schema';

export type ChartSort = 'count' | 'name';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function sortIdentities(identities: readonly IdentityRecord[], sort: ChartSort): IdentityRecord[] {
  const byName = (a: IdentityRecord, b: IdentityRecord) => collator.compare(a.name, b.name);
  return [...identities].sort(
    sort === 'name' ? byName : (a, b) => b.imageCount - a.imageCount || byName(a, b),
  );
}
