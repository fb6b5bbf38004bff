import { useLayoutEffect, useState, type RefObject } from 'react';

/** The content width of an element in px, kept current by a ResizeObserver; 0 before the first layout. */
export function useElementWidth(el: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const node = el.current;
    if (!node) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(node);
    return () => observer.disconnect();
  }, [el]);
  return width;
}
