import { useCallback, type ImgHTMLAttributes } from 'react';

/** An <img> for a Blob: the object URL lives exactly as long as the element shows that blob. */
export function BlobImage({
  blob,
  ...props
}: { blob: Blob } & Omit<ImgHTMLAttributes<HTMLImageElement>, 'src'>) {
  const ref = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img) return;
      const url = URL.createObjectURL(blob);
      img.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [blob],
  );
  return <img ref={ref} {...props} />;
}
