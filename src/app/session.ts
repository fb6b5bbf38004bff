import { isMatchRule, type MatchRule } from '../core/matcher';
import { isCropMode, type CropMode } from '../core/model-key';
import { readSession, writeSession } from '../storage/session';
import type { EvaluationRequest, StrangerSource } from './dashboard';
import type { ProbeOutcome, ProbeScope } from './recognition';

/**
 * What a reload brings back, on whichever tab it lands: the chosen dataset and face database (with
 * its live threshold), the last recognition and evaluation, and a recognition or evaluation that was
 * under way when the page went away (offered as Resume). Each record is checked when it is read: a
 * record of an older version, or a damaged one, reads as absent rather than breaking the page.
 */
export interface SessionRecords {
  dataset: { id: string };
  database: { id: string; threshold: number };
  recognition: LastRecognition;
  'recognition-job': { databaseId: string; scope: ProbeScope };
  evaluation: EvaluationRun;
  'evaluation-job': EvaluationRun;
}

export type SessionKey = keyof SessionRecords;

export interface LastRecognition {
  databaseId: string;
  scope: ProbeScope;
  rule: MatchRule;
  outcomes: ProbeOutcome[];
}

/** An evaluation, as much as it takes to run it again or read its embeddings back. */
export interface EvaluationRun {
  request: EvaluationRequest;
  modelId: string;
  cropMode: CropMode;
}

type Check<T> = (v: unknown) => T | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isText = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);

const scopeOf: Check<ProbeScope> = (v) => {
  if (!isObject(v)) return undefined;
  const source = isText(v.datasetId) ? { datasetId: v.datasetId } : {};
  if (v.kind === 'held-out') return { kind: 'held-out', ...source };
  if (v.kind === 'sample' && isCount(v.size) && isNumber(v.seed))
    return { kind: 'sample', size: v.size, seed: v.seed, ...source };
  return undefined;
};

const outcomeOf: Check<ProbeOutcome> = (v) => {
  if (!isObject(v) || !isText(v.imageId) || !isText(v.truePerson) || !isNumber(v.distance)) return undefined;
  const ranked = Array.isArray(v.ranked)
    ? v.ranked.filter(
        (r): r is { person: string; distance: number } => isText(r?.person) && isNumber(r?.distance),
      )
    : [];
  return {
    imageId: v.imageId,
    personKey: isText(v.personKey) ? v.personKey : '',
    truePerson: v.truePerson,
    predicted: isText(v.predicted) ? v.predicted : null,
    distance: v.distance,
    ranked: ranked.map((r) => ({ person: r.person, distance: r.distance })),
    error: isText(v.error) ? v.error : null,
  };
};

const strangersOf: Check<StrangerSource> = (v) => {
  if (!isObject(v)) return undefined;
  if (v.kind === 'none') return { kind: 'none' };
  if (v.kind === 'held-out' && isCount(v.count)) return { kind: 'held-out', count: v.count };
  if (v.kind === 'dataset' && isText(v.datasetId)) return { kind: 'dataset', datasetId: v.datasetId };
  return undefined;
};

const evaluationOf: Check<EvaluationRun> = (v) => {
  if (!isObject(v) || !isObject(v.request) || !isText(v.modelId) || !isCropMode(v.cropMode)) return undefined;
  const r = v.request;
  const strangers = strangersOf(r.strangers);
  if (!isText(r.datasetId) || !isCount(r.testPerPerson) || !isCount(r.maxEnrol) || !isNumber(r.seed))
    return undefined;
  if (!strangers) return undefined;
  const sizes = Array.isArray(r.sizes) && r.sizes.every(isCount) ? { sizes: r.sizes as number[] } : {};
  return {
    request: {
      datasetId: r.datasetId,
      testPerPerson: r.testPerPerson,
      maxEnrol: r.maxEnrol,
      seed: r.seed,
      strangers,
      ...sizes,
    },
    modelId: v.modelId,
    cropMode: v.cropMode,
  };
};

const checks: { [K in SessionKey]: Check<SessionRecords[K]> } = {
  dataset: (v) => (isObject(v) && isText(v.id) ? { id: v.id } : undefined),
  database: (v) =>
    isObject(v) && isText(v.id) && isNumber(v.threshold) && v.threshold > 0
      ? { id: v.id, threshold: v.threshold }
      : undefined,
  recognition(v) {
    if (!isObject(v) || !isText(v.databaseId) || !isMatchRule(v.rule) || !Array.isArray(v.outcomes))
      return undefined;
    const scope = scopeOf(v.scope);
    const outcomes = v.outcomes.map(outcomeOf);
    if (!scope || !outcomes.every((o) => o !== undefined)) return undefined;
    return { databaseId: v.databaseId, scope, rule: v.rule, outcomes };
  },
  'recognition-job'(v) {
    if (!isObject(v) || !isText(v.databaseId)) return undefined;
    const scope = scopeOf(v.scope);
    return scope && { databaseId: v.databaseId, scope };
  },
  evaluation: evaluationOf,
  'evaluation-job': evaluationOf,
};

/** The record stored under `key`, checked; undefined when there is none or it does not read. */
export async function recall<K extends SessionKey>(key: K): Promise<SessionRecords[K] | undefined> {
  return checks[key](await readSession(key));
}

/** Stores the record under `key`; undefined forgets it. */
export function remember<K extends SessionKey>(key: K, value: SessionRecords[K] | undefined): Promise<void> {
  return writeSession(key, value);
}
