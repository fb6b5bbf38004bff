import { describe, expect, it } from 'vitest';
import { LikenessError } from '../core/errors';
import { countedJobRunner, jobRunner, type JobState, type JobStatus } from './job';

const abortable = (signal: AbortSignal) =>
  new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new LikenessError('aborted', 'Cancelled')), { once: true }),
  );

describe('jobRunner', () => {
  it('running with rate and ETA from the first progress, then done with the result', async () => {
    const states: JobStatus<number, { phase: string }>[] = [];
    let clock = 0;
    const runner = jobRunner<number, { phase: string }>(
      (s) => states.push(s),
      () => clock,
    );
    const outcome = await runner.run({ phase: 'a' }, async ({ progress }) => {
      progress(5, 10); // a resumed job: 5 were cached
      clock = 2000;
      progress(7, 10, { phase: 'b' });
      return 42;
    });
    expect(states.map((s) => s.status)).toEqual(['running', 'running', 'running', 'done']);
    expect(states[1]).toMatchObject({ done: 5, rate: 0, phase: 'a' });
    expect(states[1]!.status === 'running' && states[1]!.eta).toBeNaN();
    // 2 fresh items in 2 s: 1 per second, 3 left.
    expect(states[2]).toEqual({ status: 'running', done: 7, total: 10, rate: 1, eta: 3, phase: 'b' });
    expect(outcome).toEqual({ status: 'done', result: 42 });
    expect(states[3]).toEqual(outcome);
  });

  it('restarts the rate and ETA for a next phase that counts something else', async () => {
    const states: JobStatus<number, { phase: string }>[] = [];
    let clock = 0;
    const runner = jobRunner<number, { phase: string }>(
      (s) => states.push(s),
      () => clock,
    );
    await runner.run({ phase: 'photos' }, async ({ progress }) => {
      progress(0, 100);
      clock = 1000;
      progress(100, 100);
      progress(0, 10, { phase: 'blocks' }, true);
      clock = 3000;
      progress(4, 10);
      return 1;
    });
    expect(states[3]).toMatchObject({ done: 0, total: 10, rate: 0, phase: 'blocks' });
    expect(states[4]).toMatchObject({ done: 4, rate: 2, eta: 3 });
  });

  it('a failure becomes its message, a cancel becomes cancelled', async () => {
    const states: JobStatus<string>[] = [];
    const runner = jobRunner<string>((s) => states.push(s));
    await runner.run({}, () => Promise.reject(new Error('disk on fire')));
    expect(states.at(-1)).toEqual({ status: 'error', message: 'disk on fire' });
    const running = runner.run({}, ({ signal }) => abortable(signal));
    expect(runner.busy).toBe(true);
    runner.cancel();
    expect(await running).toEqual({ status: 'cancelled' });
    expect(states.at(-1)).toEqual({ status: 'cancelled' });
    expect(runner.busy).toBe(false);
  });

  it('a new job aborts the one before, which then writes nothing', async () => {
    const states: JobStatus<string>[] = [];
    const runner = jobRunner<string>((s) => states.push(s));
    let firstAborted = false;
    const first = runner.run({}, async ({ signal }) => {
      await abortable(signal).catch((e: unknown) => {
        firstAborted = true;
        throw e;
      });
      return 'first';
    });
    const second = await runner.run({}, async ({ signal }) => (signal.aborted ? 'aborted' : 'ran'));
    expect(await first).toEqual({ status: 'cancelled' });
    expect(firstAborted).toBe(true);
    expect(second).toEqual({ status: 'done', result: 'ran' });
    expect(states.at(-1)).toEqual({ status: 'done', result: 'ran' });
    expect(states.filter((s) => s.status === 'cancelled')).toHaveLength(0);
  });
});

describe('jobRunner stop and late reports', () => {
  it('stop() cancels and settles only when the job has made its last write', async () => {
    const states: JobStatus<string>[] = [];
    const runner = jobRunner<string>((s) => states.push(s));
    let wroteLast = false;
    const running = runner.run({}, async ({ signal }) => {
      await abortable(signal).catch(async (e: unknown) => {
        await new Promise((r) => setTimeout(r, 20));
        wroteLast = true;
        throw e;
      });
      return 'never';
    });
    await runner.stop();
    expect(wroteLast).toBe(true);
    expect(await running).toEqual({ status: 'cancelled' });
    expect(runner.busy).toBe(false);
    await runner.stop(); // nothing running: settles at once
  });

  it('a progress report landing after the result does not overwrite done', async () => {
    const states: JobStatus<string>[] = [];
    const runner = jobRunner<string>((s) => states.push(s));
    let late: ((done: number, total: number) => void) | null = null;
    await runner.run({}, async ({ progress }) => {
      late = progress;
      progress(1, 2);
      return 'ok';
    });
    late!(2, 2);
    expect(states.at(-1)).toEqual({ status: 'done', result: 'ok' });
  });
});

describe('countedJobRunner', () => {
  it('carries kind, label and the failure count; done holds the line and the kind', async () => {
    const states: JobState[] = [];
    const jobs = countedJobRunner((s) => states.push(s));
    await jobs.run('enrol', 'Building', async (_signal, progress) => {
      progress(3, 10, 1);
      return 'Built';
    });
    expect(states[1]).toMatchObject({
      status: 'running',
      kind: 'enrol',
      label: 'Building',
      done: 3,
      failed: 1,
    });
    expect(states.at(-1)).toEqual({ status: 'done', result: 'Built', kind: 'enrol' });
  });

  it('tags each outcome with its own job, so that a tab shows only its own line', async () => {
    const states: JobState[] = [];
    const jobs = countedJobRunner((s) => states.push(s));
    await jobs.run('enrol', 'Building', async () => 'Built');
    await jobs.run('recognise', 'Recognising', async () => {
      throw new Error('no face');
    });
    const ends = states.filter((s) => s.status === 'done' || s.status === 'error');
    expect(ends).toEqual([
      { status: 'done', result: 'Built', kind: 'enrol' },
      { status: 'error', message: 'no face', kind: 'recognise' },
    ]);
  });
});
