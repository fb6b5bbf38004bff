import { Inflater } from './inflate';
import { PngChunkReader } from './png-chunks';
import { PngRowDecoder } from './png-rows';
import { orientRgba, scaledSize, type Rgba } from './rgba';

/** Bytes of the file read at a time (see fileReader). */
const readBytes = 1 << 18;

/**
 * Decodes a PNG straight to at most `maxSide` on its longer side, oriented as `orientation` (its
 * eXIf) says, without ever holding it at full size: the file is read 256 KB at a time, its IDAT
 * data inflated (core/inflate.ts) and each row box-averaged into the output as it arrives. A 50 MP
 * PNG costs its output (about 4 MB at 1,280 px), two rows, a 64 KB window and the read slices not yet
 * collected: the browser's DecompressionStream, with a new buffer per chunk, left up to 190 MB of
 * garbage behind (docs/performance.md).
 */
export async function decodePngScaled(blob: Blob, maxSide: number, orientation = 1): Promise<Rgba> {
  const chunks = new PngChunkReader();
  let rows: PngRowDecoder | null = null;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const inflater = new Inflater((bytes) => rows!.push(bytes));
  const file = fileReader(blob);
  let ended = false;
  while (!ended) {
    const value = await file.read();
    if (!value) break;
    for (const event of chunks.push(value)) {
      if (event.type === 'header') {
        const out = scaledSize(event.info.width, event.info.height, maxSide);
        rows = new PngRowDecoder(event.info, out.width, out.height);
      } else if (event.type === 'palette') palette = event.rgb;
      else if (event.type === 'transparency') transparency = event.bytes;
      else if (event.type === 'data') {
        if (!rows) throw new Error('PNG image data before its header');
        // PLTE and tRNS come before the first IDAT.
        if (palette) rows.setPalette(palette);
        if (transparency) rows.setTransparency(transparency);
        palette = transparency = null;
        inflater.push(event.bytes);
      } else if (event.type === 'end') ended = true;
    }
  }
  if (!rows) throw new Error('PNG without image data');
  inflater.finish();
  return orientRgba(rows.finish(), orientation);
}

/**
 * A file's bytes in order, `readBytes` at a time, each from its own slice of the blob. Not a blob
 * stream: in Chromium 156 each file read through `blob.stream()` keeps some memory behind, and after
 * a few hundred to a couple of thousand files every read stalls (an import of 2,000 small PNGs stopped
 * at 107 with 1 MB BYOB reads, at 1,551 with 64 KB ones). Slices are plain garbage.
 */
export function fileReader(blob: Blob) {
  let offset = 0;
  return {
    async read(): Promise<Uint8Array | null> {
      if (offset >= blob.size) return null;
      const end = Math.min(blob.size, offset + readBytes);
      const bytes = new Uint8Array(await blob.slice(offset, end).arrayBuffer());
      offset = end;
      return bytes;
    },
  };
}
