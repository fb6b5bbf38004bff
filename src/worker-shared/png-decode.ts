import { Inflater } from '../core/inflate';
import { PngChunkReader, PngRowDecoder, orientRgba, scaledSize, type Rgba } from '../core/png-rows';

/** Bytes of the file read at a time, into one reused buffer where the stream allows. */
const readBytes = 1 << 20;

/**
 * Decodes a PNG straight to at most `maxSide` on its longer side, oriented as `orientation` (its
 * eXIf) says, without ever holding it at full size: the file is read as a stream, its IDAT data
 * inflated (core/inflate.ts) and each row box-averaged into the output as it arrives. Nothing is
 * allocated per chunk, so a 50 MP PNG costs its output (about 4 MB at 1,280 px), two rows, the 1 MB
 * read buffer and a 64 KB window: the browser's DecompressionStream, with a new buffer per chunk,
 * left up to 190 MB of garbage behind (docs/performance.md).
 */
export async function decodePngScaled(blob: Blob, maxSide: number, orientation = 1): Promise<Rgba> {
  const chunks = new PngChunkReader();
  let rows: PngRowDecoder | null = null;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const inflater = new Inflater((bytes) => rows!.push(bytes));
  const file = fileReader(blob);
  let ended = false;
  try {
    while (!ended) {
      const value = await file.read();
      if (!value) break;
      // Every event is handled before the next read reuses the buffer its bytes are views of.
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
  } finally {
    await file.cancel();
  }
  return orientRgba(rows.finish(), orientation);
}

/** A file's bytes in order; each read's bytes are valid until the next read. */
function fileReader(blob: Blob) {
  const stream = blob.stream();
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    byob = null; // a browser whose blob stream is not a byte stream
  }
  const plain = byob ? null : stream.getReader();
  let buffer = new ArrayBuffer(readBytes);
  return {
    async read(): Promise<Uint8Array | null> {
      if (plain) {
        const { done, value } = await plain.read();
        return done ? null : value;
      }
      const { done, value } = await byob!.read(new Uint8Array(buffer));
      if (done || !value) return null;
      buffer = value.buffer;
      return value;
    },
    async cancel() {
      await (byob ?? plain)!.cancel().catch(() => undefined);
    },
  };
}
