// What the scripts' page.evaluate callbacks find on the page's window (type-checking only).
import type { Automation } from '../src/automation';
import type { EngineClient } from '../src/bridge/engine-pool';
import type { ReferenceClient } from '../src/bench/reference';

declare global {
  /** The app's automation surface: present once the app has started (the scripts wait for it). */
  var likeness: Automation;
  /** `npm run bench`'s own engine and reference workers, kept on the page between calls. */
  var __bench: { engine: EngineClient; reference?: ReferenceClient };
  /** `npm run evaluate -- --pairs`: the LFW job's progress, told to the script (page.exposeFunction). */
  var lfwProgress: (done: number, total: number, failed: number) => Promise<void>;
}
