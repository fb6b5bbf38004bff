import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { getThumbs } from '../../state/dataset';
import { BlobImage } from '../BlobImage';
import { useElementWidth } from '../useElementWidth';

export interface ImageGridItem {
  /** Image id, `${datasetId}:${path}`. */
  id: string;
  caption?: ReactNode;
  className?: string;
  /** Text alternative for the thumbnail. */
  alt?: string;
}

export interface ImageGridProps<T extends ImageGridItem = ImageGridItem> {
  items: readonly T[];
  /** Extra content under a cell's caption, e.g. "True: … / Pred: …". */
  renderExtra?: (item: T) => ReactNode;
  /** Makes each cell a button (click, Enter or Space) that opens this item, e.g. a detail dialog. */
  onOpen?: (item: T) => void;
  /** Cells are at least this wide (px); the column count follows the grid's width. */
  minCellWidth?: number;
  /** CSS height of the scrolling viewport. */
  height?: string;
  'aria-label'?: string;
  'data-testid'?: string;
  /** Shown when items is empty. */
  emptyText?: ReactNode;
}

const gap = 8;

/**
 * Thumbnails by image id, most recently used last. Blobs from IndexedDB are handles to bytes on
 * disk, so thousands cost little; object URLs are made per <img> and revoked with it.
 */
const thumbCache = new Map<string, Blob | null>();
const thumbCacheLimit = 3000;

function remember(id: string, thumb: Blob | null): void {
  thumbCache.delete(id);
  thumbCache.set(id, thumb);
  if (thumbCache.size > thumbCacheLimit) thumbCache.delete(thumbCache.keys().next().value!);
}

/** The thumbnails of one row, read from IndexedDB in one transaction when the row first shows. */
function useRowThumbs(ids: readonly string[]): (Blob | null | undefined)[] {
  const key = ids.join('\n');
  const [loaded, setLoaded] = useState<{ key: string; thumbs: (Blob | null)[] } | null>(null);
  const cached = ids.map((id) => thumbCache.get(id));
  const complete = cached.every((t) => t !== undefined);

  useEffect(() => {
    if (complete) return;
    let live = true;
    const rowIds = key.split('\n');
    getThumbs(rowIds)
      .catch(() => rowIds.map(() => null))
      .then((thumbs) => {
        thumbs.forEach((t, i) => remember(rowIds[i]!, t));
        if (live) setLoaded({ key, thumbs });
      });
    return () => {
      live = false;
    };
  }, [key, complete]);

  if (complete) return cached;
  return loaded?.key === key ? loaded.thumbs : cached;
}

function GridRow<T extends ImageGridItem>({
  items,
  columns,
  renderExtra,
  onOpen,
}: {
  items: readonly T[];
  columns: number;
  renderExtra?: (item: T) => ReactNode;
  onOpen?: (item: T) => void;
}) {
  const thumbs = useRowThumbs(items.map((i) => i.id));
  return (
    <div className="ds-grid-row" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap }}>
      {items.map((item, i) => {
        const thumb = thumbs[i];
        const image = thumb ? (
          <BlobImage blob={thumb} alt={item.alt ?? ''} loading="lazy" decoding="async" />
        ) : (
          <span className={thumb === null ? 'ds-thumb-missing' : 'ds-thumb-loading'} aria-hidden />
        );
        const className = item.className ? `ds-cell ${item.className}` : 'ds-cell';
        if (onOpen) {
          // A button holds phrasing content only, so the figure's parts become spans.
          return (
            <button
              key={item.id}
              type="button"
              className={`${className} ds-cell-button`}
              aria-haspopup="dialog"
              onClick={() => onOpen(item)}
              data-testid="grid-cell"
              data-image-id={item.id}
            >
              <span className="ds-thumb">{image}</span>
              {item.caption !== undefined && <span className="ds-caption">{item.caption}</span>}
              {renderExtra?.(item)}
            </button>
          );
        }
        return (
          <figure key={item.id} className={className} data-testid="grid-cell" data-image-id={item.id}>
            <div className="ds-thumb">{image}</div>
            {item.caption !== undefined && <figcaption>{item.caption}</figcaption>}
            {renderExtra?.(item)}
          </figure>
        );
      })}
    </div>
  );
}

/**
 * A virtualised grid of stored images: only the rows in view (plus a few) exist in the DOM, and
 * each row reads its thumbnails from IndexedDB when it appears, so 17,000 images scroll smoothly.
 */
export function ImageGrid<T extends ImageGridItem>({
  items,
  renderExtra,
  onOpen,
  minCellWidth = 132,
  height = '70vh',
  emptyText = 'No images.',
  ...rest
}: ImageGridProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scroller);
  const columns = Math.max(1, Math.floor((width + gap) / (minCellWidth + gap)));
  const rows = useMemo(() => {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += columns) out.push(items.slice(i, i + columns));
    return out;
  }, [items, columns]);
  const cellWidth = width > 0 ? (width - gap * (columns - 1)) / columns : minCellWidth;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => cellWidth + 44 + gap,
    overscan: 3,
  });

  return (
    <div
      ref={scroller}
      className="ds-grid"
      style={{ height }}
      role="list"
      // Scrolls on its own: a keyboard reaches it to scroll (arrow keys, Page Down); cells that are
      // buttons take the focus themselves.
      tabIndex={onOpen ? undefined : 0}
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid'] ?? 'image-grid'}
      data-count={items.length}
    >
      {items.length === 0 ? (
        <p className="muted ds-grid-empty">{emptyText}</p>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              role="listitem"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                paddingBottom: gap,
                transform: `translateY(${row.start}px)`,
              }}
            >
              <GridRow
                items={rows[row.index] ?? []}
                columns={columns}
                renderExtra={renderExtra}
                onOpen={onOpen}
              />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
