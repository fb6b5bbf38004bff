// @ts-check
// `npm run bench`'s view of its workers' memory: the JS heap of each dedicated worker, over CDP.
import { peakIn, round } from './harness.mjs';
/** @typedef {import('@playwright/test').Browser} Browser */

/**
 * Samples the used JS heap of every dedicated worker (the engine's models run there, out of reach of the
 * page's metrics) through a browser-level CDP session, keeping each worker's samples over time.
 * `workers()` lists the worker targets seen so far.
 * @param {Browser} browser
 */
export async function workerHeapSampler(browser, intervalMs = 250) {
  const cdp = await browser.newBrowserCDPSession();
  const targets = new Map(); // targetId → { sessionId, url, series: [Date.now(), MB][] }
  const pending = new Map();
  let nextId = 0;
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  cdp.on('Target.detachedFromTarget', ({ targetId }) => {
    const t = targets.get(targetId);
    if (t) t.gone = true;
  });
  /**
   * One CDP call on a worker's session; null when it fails or times out.
   * @param {string} sessionId
   * @param {string} method
   * @returns {Promise<any>}
   */
  const call = (sessionId, method, timeoutMs = 5_000) =>
    new Promise((done) => {
      const id = ++nextId;
      pending.set(id, done);
      cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(() => {
          pending.delete(id);
          done(null);
        });
      setTimeout(() => {
        if (pending.delete(id)) done(null);
      }, timeoutMs);
    });
  const refresh = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    for (const t of targetInfos) {
      if (t.type !== 'worker' || targets.has(t.targetId)) continue;
      targets.set(t.targetId, { sessionId: null, url: t.url, series: [] });
      try {
        const { sessionId } = await cdp.send('Target.attachToTarget', {
          targetId: t.targetId,
          flatten: false,
        });
        targets.get(t.targetId).sessionId = sessionId;
      } catch {
        // it ended before we attached
      }
    }
  };
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      await refresh();
      await Promise.all(
        [...targets.values()]
          .filter((t) => t.sessionId && !t.gone)
          .map(async (t) => {
            const reply = await call(t.sessionId, 'Runtime.getHeapUsage');
            if (!reply?.result) return;
            t.series.push([Date.now(), reply.result.usedSize / 2 ** 20]);
          }),
      );
    } catch {
      // the browser is closing
    } finally {
      busy = false;
    }
  };
  /** @param {string[]} ids @param {number} from @param {number} to */
  const peakSumBetween = (ids, from, to) =>
    round(
      ids.reduce((/** @type {number} */ sum, id) => sum + peakIn(targets.get(id)?.series ?? [], from, to), 0),
    );
  const timer = setInterval(() => void sample(), intervalMs);
  await sample();
  return {
    sample,
    workers: () => [...targets.entries()].map(([id, t]) => ({ id, url: t.url })),
    /**
     * The sum of these workers' peaks (between two Date.now() times, or since they started): an upper
     * bound on what a pool of workers held at once; by quarter of a run, whether it stays flat.
     */
    peakSumBetween,
    /** @param {string[]} ids */
    peakSumOf: (ids) => peakSumBetween(ids, -Infinity, Infinity),
    /**
     * The heaps of these workers summed, each after a full garbage collection: what is really retained.
     * @param {string[]} ids
     */
    async retainedOf(ids) {
      let most = 0;
      for (const id of ids) {
        const t = targets.get(id);
        if (!t?.sessionId || t.gone) continue;
        await call(t.sessionId, 'HeapProfiler.collectGarbage', 30_000);
        const reply = await call(t.sessionId, 'Runtime.getHeapUsage');
        if (reply?.result) most += reply.result.usedSize / 2 ** 20;
      }
      return round(most);
    },
    stop() {
      clearInterval(timer);
      return cdp.detach().catch(() => {});
    },
  };
}
