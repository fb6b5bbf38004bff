import { describe, expect, it } from 'vitest';
import { LikenessError } from '../core/errors';
import { jobSlot, runProgressJob, type JobState } from './job';

const abortable = (signal: AbortSignal) =>
  new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new LikenessError('aborted', 'Cancelled')), { once: true }),
  );

describe('runProgressJob', () => {
  it('reports running with the first progress as the rate baseline, then the done message', async () => {
    const states: JobState[] = [];
    await runProgressJob(
      jobSlot(),
      (s) => states.push(s),
      'enrol',
      'Building',
      async (_signal, progress) => {
        progress(5, 10, 0); // a resumed job: 5 were cached
        progress(7, 10, 1);
        return 'Built';
      },
    );
    expect(states.map((s) => s.status)).toEqual(['running', 'running', 'running', 'done']);
    const last = states[2]!;
    expect(last).toMatchObject({ status: 'running', done: 7, total: 10, failed: 1, startDone: 5 });
    expect(states[3]).toEqual({ status: 'done', kind: 'enrol', message: 'Built' });
  });

  it('turns a failure into its message and a cancel into idle', async () => {
    const slot = jobSlot();
    const states: JobState[] = [];
    await runProgressJob(
      slot,
      (s) => states.push(s),
      'recognise',
      'R',
      () => Promise.reject(new Error('disk on fire')),
    );
    expect(states.at(-1)).toEqual({ status: 'error', message: 'disk on fire' });
    const running = runProgressJob(slot, (s) => states.push(s), 'recognise', 'R', abortable);
    slot.cancel();
    await running;
    expect(states.at(-1)).toEqual({ status: 'idle' });
  });

  it('a new job in the same slot aborts the one before it', async () => {
    const slot = jobSlot();
    let firstAborted = false;
    const first = slot
      .run((signal) => abortable(signal))
      .catch(() => {
        firstAborted = true;
      });
    const second = await slot.run(async (signal) => (signal.aborted ? 'aborted' : 'ran'));
    await first;
    expect(firstAborted).toBe(true);
    expect(second).toBe('ran');
  });
});
