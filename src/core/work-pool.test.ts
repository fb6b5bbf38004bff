import { describe, expect, it } from 'vitest';
import { LikenessError } from './errors';
import { chunk, chunkSizeFor, poolSize, runInLanes, weightedStageMeans } from './work-pool';

/** A promise with its resolve/reject exposed, to order events by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('poolSize', () => {
  it('one worker per core on WASM and CPU, capped at 4; one on a GPU', () => {
    expect(poolSize('wasm', 2)).toBe(2);
    expect(poolSize('wasm', 16)).toBe(4);
    expect(poolSize('wasm', 1)).toBe(1);
    expect(poolSize('cpu', 3)).toBe(3);
    expect(poolSize('webgl', 8)).toBe(1);
  });

  it('a requested count wins and is validated', () => {
    expect(poolSize('webgl', 8, 3)).toBe(3);
    expect(poolSize('wasm', 2, 1)).toBe(1);
    expect(() => poolSize('wasm', 2, 0)).toThrow(LikenessError);
    expect(() => poolSize('wasm', 2, 1.5)).toThrow(LikenessError);
  });
});

describe('chunks', () => {
  it('about four chunks per worker, between 4 and 32 items', () => {
    expect(chunkSizeFor(450, 2)).toBe(32); // ceil(450 / 8) = 57 → 32
    expect(chunkSizeFor(100, 2)).toBe(13); // ceil(100 / 8)
    expect(chunkSizeFor(10, 2)).toBe(4);
    expect(chunkSizeFor(0, 1)).toBe(4);
  });

  it('splits in order, the last chunk shorter', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(LikenessError);
  });
});

describe('runInLanes', () => {
  it('runs every chunk once and returns results in chunk order', async () => {
    const seen: string[] = [];
    const out = await runInLanes(
      [Promise.resolve('a'), Promise.resolve('b')],
      [1, 2, 3, 4, 5],
      async (lane, c) => {
        seen.push(`${lane}${c}`);
        await tick();
        return c * 10;
      },
    );
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(seen.map((s) => Number(s.slice(1))).sort()).toEqual([1, 2, 3, 4, 5]);
    // Both lanes took work.
    expect(new Set(seen.map((s) => s[0]))).toEqual(new Set(['a', 'b']));
  });

  it('a lane that is still starting does not hold the job up; it joins when ready', async () => {
    const late = deferred<string>();
    const gate = deferred<void>();
    const seen: string[] = [];
    const job = runInLanes([Promise.resolve('fast'), late.promise], [1, 2, 3], async (lane, c) => {
      seen.push(`${lane}:${c}`);
      if (c === 1) await gate.promise;
      return c;
    });
    await tick();
    expect(seen).toEqual(['fast:1']);
    late.resolve('late');
    await tick();
    expect(seen).toEqual(['fast:1', 'late:2', 'late:3']);
    gate.resolve();
    expect(await job).toEqual([1, 2, 3]);
  });

  it('finishes without waiting for a lane that never starts', async () => {
    const never = new Promise<string>(() => {});
    expect(await runInLanes([Promise.resolve('x'), never], [1, 2], async (_l, c) => c)).toEqual([1, 2]);
  });

  it('a lane that fails to start is left out; if every lane fails, its error is thrown', async () => {
    const broken = Promise.reject(new Error('no model'));
    expect(await runInLanes([broken, Promise.resolve('ok')], [1, 2], async (_l, c) => c)).toEqual([1, 2]);
    await expect(
      runInLanes([Promise.reject(new Error('no model'))], [1], async (_l, c: number) => c),
    ).rejects.toThrow('no model');
  });

  it('stops dispatching after the first failure, lets the caller cancel, then throws that failure', async () => {
    const failures: unknown[] = [];
    const ran: number[] = [];
    const job = runInLanes(
      [Promise.resolve(0)],
      [1, 2, 3],
      async (_l, c) => {
        ran.push(c);
        if (c === 2) throw new LikenessError('storage-full', 'disk full');
        return c;
      },
      { onFailure: (e) => failures.push(e) },
    );
    await expect(job).rejects.toMatchObject({ code: 'storage-full' });
    expect(ran).toEqual([1, 2]);
    expect(failures).toHaveLength(1);
  });

  it('waits for running chunks before throwing', async () => {
    const slow = deferred<number>();
    let settled = false;
    const job = runInLanes([Promise.resolve('a'), Promise.resolve('b')], [1, 2], (lane) =>
      lane === 'a' ? Promise.reject(new Error('boom')) : slow.promise,
    ).catch((e: unknown) => {
      settled = true;
      throw e;
    });
    await tick();
    expect(settled).toBe(false);
    slow.resolve(2);
    await expect(job).rejects.toThrow('boom');
  });

  it('a cancelled job dispatches nothing more and rejects as aborted', async () => {
    let stop = false;
    const ran: number[] = [];
    const job = runInLanes(
      [Promise.resolve(0)],
      [1, 2, 3],
      async (_l, c) => {
        ran.push(c);
        stop = true;
        return c;
      },
      { shouldStop: () => stop },
    );
    await expect(job).rejects.toMatchObject({ code: 'aborted' });
    expect(ran).toEqual([1]);
  });

  it('no chunks: resolves at once', async () => {
    expect(await runInLanes([Promise.resolve(1)], [], async () => 1)).toEqual([]);
  });
});

describe('weightedStageMeans', () => {
  it('weights each part by its image count (hand-computed)', () => {
    const means = weightedStageMeans([
      { images: 3, msPerStage: { embed: 100, detect: 10 } },
      { images: 1, msPerStage: { embed: 60, detect: 30 } },
    ]);
    // embed: (3·100 + 60) / 4 = 90; detect: (30 + 30) / 4 = 15
    expect(means).toEqual({ embed: 90, detect: 15 });
  });

  it('no images: zeros, not NaN', () => {
    expect(weightedStageMeans([{ images: 0, msPerStage: { embed: 5 } }])).toEqual({ embed: 0 });
  });
});
