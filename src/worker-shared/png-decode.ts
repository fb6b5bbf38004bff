import { PngChunkReader, PngRowDecoder, orientRgba, scaledSize, type Rgba } from '../core/png-rows';

/**
 * Decodes a PNG straight to at most `maxSide` on its longer side, oriented as `orientation` (its
 * eXIf) says, without ever holding it at full size: the file is read as a stream, its IDAT data
 * inflated by the browser's DecompressionStream and each row box-averaged into the output as it
 * arrives. A 50 MP PNG costs its output (about 4 MB at 1,280 px), a few rows and the stream's buffers.
 */
export async function decodePngScaled(blob: Blob, maxSide: number, orientation = 1): Promise<Rgba> {
  const chunks = new PngChunkReader();
  const inflate = new DecompressionStream('deflate');
  const writer = inflate.writable.getWriter();
  let rows: PngRowDecoder | null = null;
  const palette: Uint8Array[] = [];
  const transparency: Uint8Array[] = [];
  const reading = (async () => {
    const reader = inflate.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      rows!.push(value);
    }
  })();
  // A failed inflate rejects `reading` while the writes still wait on it.
  reading.catch(() => undefined);
  const file = blob.stream().getReader();
  let ended = false;
  try {
    while (!ended) {
      const { done, value } = await file.read();
      if (done) break;
      for (const event of chunks.push(value)) {
        if (event.type === 'header') {
          // The decoder is made at the first image data, once PLTE and tRNS have been read.
          const out = scaledSize(event.info.width, event.info.height, maxSide);
          rows = new PngRowDecoder(event.info, out.width, out.height);
        } else if (event.type === 'palette') palette.push(event.rgb);
        else if (event.type === 'transparency') transparency.push(event.bytes);
        else if (event.type === 'data') {
          if (!rows) throw new Error('PNG image data before its header');
          if (palette.length) rows.setPalette(palette.splice(0).at(-1)!);
          if (transparency.length) rows.setTransparency(transparency.splice(0).at(-1)!);
          await Promise.race([writer.write(event.bytes as Uint8Array<ArrayBuffer>), reading]);
        } else if (event.type === 'end') ended = true;
      }
    }
    if (!rows) throw new Error('PNG without image data');
    await Promise.race([writer.close(), reading]);
    await reading;
  } catch (error) {
    await writer.abort(error).catch(() => undefined);
    throw error;
  } finally {
    await file.cancel().catch(() => undefined);
  }
  return orientRgba(rows.finish(), orientation);
}
