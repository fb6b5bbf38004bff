import * as tf from '@tensorflow/tfjs';
import { LikenessError } from '../core/errors';
import { createEmbedder } from './embedder';
import { uncalibrated } from '../core/verdict';
import type { EmbedderSpec } from './models';
import type { CustomModelSpec, EngineInfo } from './engine-protocol';
import { configure, type EngineSession } from './session';

/** Loads a user's tfjs model (model.json + weights), checks it maps a face to one vector, and switches to it. */
export async function loadCustomModel(
  session: EngineSession,
  files: File[],
  custom: CustomModelSpec,
): Promise<EngineInfo> {
  const json = files.find((f) => f.name.endsWith('.json'));
  if (!json)
    throw new LikenessError(
      'model-load-failed',
      'Choose the model.json file together with its weight (.bin) files',
    );
  const weights = files.filter((f) => f !== json);
  const topology = JSON.parse(await json.text()) as { format?: string };
  const id = `custom:${custom.label}`;
  const spec: EmbedderSpec = {
    id,
    label: custom.label,
    format: topology.format === 'layers-model' ? 'layers' : 'graph',
    url: json.name,
    inputSize: custom.inputSize,
    dim: 0,
    normalization: custom.normalization,
    thresholds: uncalibrated(1.0),
    custom: true,
    licence: 'yours to check',
    provenance: 'your own files.',
    preferredCrop: 'align',
    flipAugment: false,
  };
  const source = tf.io.browserFiles([json, ...weights]);
  const candidate = await createEmbedder(spec, source);
  try {
    // Refuse a model that does not map a face to one vector before it replaces anything.
    const probe = tf.tidy(() =>
      candidate.embedViews(tf.zeros([2, custom.inputSize, custom.inputSize, 3]) as tf.Tensor4D, ['plain']),
    );
    spec.dim = probe.shape[1];
    probe.dispose();
  } catch (error) {
    candidate.dispose();
    if (error instanceof LikenessError) throw error;
    throw new LikenessError(
      'model-output-not-vector',
      `The model did not run on a ${custom.inputSize}×${custom.inputSize} RGB face: ${String(error)}`,
    );
  }
  candidate.dispose();
  const { customModels } = session;
  const existing = customModels.findIndex((m) => m.id === id);
  if (existing >= 0) customModels.splice(existing, 1);
  customModels.push(spec);
  session.customSources.set(id, tf.io.browserFiles([json, ...weights]));
  return configure(session, { backend: session.backendPreference ?? 'auto', modelId: id, cropMode: 'auto' });
}
