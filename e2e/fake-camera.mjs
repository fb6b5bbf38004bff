// @ts-check
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';

// Shared by the e2e specs and `npm run screenshots`, hence JavaScript.
const bbtDir = resolve(import.meta.dirname, '../src/sample-data/bbt');

/** What the fake camera films: Penny at full size and Sheldon smaller beside her. */
/** @type {[string, string]} */
export const filmed = [join(bbtDir, 'penny/penny5.png'), join(bbtDir, 'sheldon/sheldon5.png')];

/**
 * A Y4M video for Chromium's fake camera: the two filmed photos on grey, so the snapshot holds two
 * faces and Penny is the most prominent one. Y4M is a header plus raw 4:2:0 planes per frame; the
 * photos are greyscale, so chroma is neutral.
 */
/** @param {string} path */
function writeFakeCamera(path) {
  const width = 320;
  const height = 176;
  const luma = new Uint8Array(width * height).fill(128);
  /** @type {(file: string, left: number, top: number, size: number) => void} */
  const place = (file, left, top, size) => {
    const png = PNG.sync.read(readFileSync(file));
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const sx = Math.floor((x * png.width) / size);
        const sy = Math.floor((y * png.height) / size);
        const g = png.data[(sy * png.width + sx) * 4] ?? 0;
        // Studio-range luma, as Chromium reads I420.
        luma[(top + y) * width + left + x] = Math.round(16 + (g * 219) / 255);
      }
    }
  };
  place(filmed[0], 12, 13, 150);
  place(filmed[1], 196, 43, 110);
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, frame, frame]));
}

/**
 * Chromium flags for a fake camera that films the two photos. The video is written when this is
 * called, at the time a spec file loads, because the browser's launch options name it.
 * @returns {string[]}
 */
export function fakeCameraArgs() {
  const path = join(tmpdir(), 'likeness-fake-camera-penny5-sheldon5.y4m');
  writeFakeCamera(path);
  return ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${path}`];
}
