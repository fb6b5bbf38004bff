// @ts-check
// npm run bench:export [-- --photos 20000]
// Streams the library export's zip (src/app/library-export.ts) for N photos of two faces each, as
// a disk-backed sink would read it (chunks dropped as they come), and prints as JSON the sidecars'
// total size, the zip's size, the time (wall, and this process's CPU, which a busy machine disturbs
// less), and the JS heap before, at its peak and after.
import { register } from 'tsx/esm/api';
import { parseArgs, round } from './harness.mjs';

register();
const { exportZip } = await import('../src/app/library-export.ts');
const { xmpSidecar } = await import('../src/core/library-export.ts');

const args = parseArgs(process.argv.slice(2), { photos: 'value' });
const n = Number(args.photos ?? 20_000);
const photos = Array.from({ length: n }, (_, i) => ({
  file: `${2000 + (i % 20)}/${String(1 + (i % 12)).padStart(2, '0')}/IMG_${i}.jpg`,
  width: 4032,
  height: 3024,
  orientation: 1 + (i % 8),
  faces: [
    {
      box: { x: 100 + (i % 500), y: 200, width: 300, height: 310 },
      name: `Person ${i % 300}`,
      group: `g${i % 300}`,
    },
    {
      box: { x: 1500, y: 900 + (i % 700), width: 280, height: 300 },
      name: i % 3 ? `Zoë ${i % 77}` : null,
      group: null,
    },
  ],
}));
const sidecarBytes = photos.reduce((sum, p) => sum + Buffer.byteLength(xmpSidecar(p) ?? ''), 0);

const mb = (/** @type {number} */ bytes) => round(bytes / 2 ** 20, 1);
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let heapPeak = heapBefore;
let zipBytes = 0;
const start = performance.now();
const cpuStart = process.cpuUsage();
const reader = exportZip(photos, { naming: 'keep-extension' }).getReader();
for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
  zipBytes += chunk.value.length;
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
global.gc?.();
console.log(
  JSON.stringify({
    photos: n,
    sidecarsMB: mb(sidecarBytes),
    zipMB: mb(zipBytes),
    seconds: round(ms / 1000, 2),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
    heapMB: { before: mb(heapBefore), peak: mb(heapPeak), after: mb(process.memoryUsage().heapUsed) },
  }),
);
