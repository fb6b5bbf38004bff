import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useMemo, useRef, useState } from 'react';
import { findPeople, sortPeople, type CountedPerson, type PeopleSort } from '../../core/people-chart';

const rowHeight = 36;

interface Props {
  people: readonly CountedPerson[];
  selected: string | null;
  onSelect(key: string): void;
}

/**
 * Everyone in the dataset, found by name and sorted by photos or by name. Only the rows in view exist
 * (a fixed row height, spacer rows above and below), so 1,000 or 100,000 people scroll alike.
 */
export function PeopleTable({ people, selected, onSelect }: Props) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<PeopleSort>('count');
  const rows = useMemo(() => findPeople(sortPeople(people, sort), query), [people, sort, query]);
  const scroller = useRef<HTMLDivElement>(null);
  const searchId = useId();
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const above = items[0]?.start ?? 0;
  const below = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const header = (key: PeopleSort, label: string) => (
    <th aria-sort={sort === key ? (key === 'count' ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="sort-button"
        onClick={() => setSort(key)}
        data-testid={`people-sort-${key}`}
      >
        {label}
        <span aria-hidden>{sort === key ? (key === 'count' ? ' ↓' : ' ↑') : ''}</span>
      </button>
    </th>
  );

  return (
    <section className="people-table" aria-label="Everyone in the dataset">
      <div className="people-find">
        <label htmlFor={searchId}>Find a person</label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Name"
          autoComplete="off"
          data-testid="person-search"
        />
        <span className="muted" role="status" data-testid="person-search-count">
          {rows.length.toLocaleString('en')} of {people.length.toLocaleString('en')} people
        </span>
      </div>
      <div ref={scroller} className="people-scroll" tabIndex={-1}>
        <table aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {header('name', 'Person')}
              {header('count', 'Photos')}
            </tr>
          </thead>
          <tbody>
            {above > 0 && <tr aria-hidden style={{ height: above }} />}
            {items.map((item) => {
              const person = rows[item.index]!;
              return (
                <tr
                  key={person.key}
                  aria-rowindex={item.index + 2}
                  style={{ height: rowHeight }}
                  className={person.key === selected ? 'selected' : undefined}
                  data-testid="person-row"
                >
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-pressed={person.key === selected}
                      onClick={() => onSelect(person.key)}
                    >
                      {person.name}
                    </button>
                  </td>
                  <td className="num">{person.imageCount.toLocaleString('en')}</td>
                </tr>
              );
            })}
            {below > 0 && <tr aria-hidden style={{ height: below }} />}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted">No one’s name holds “{query}”.</p>}
      </div>
    </section>
  );
}
