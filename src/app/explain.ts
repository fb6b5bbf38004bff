import { LikenessError } from '../core/errors';
import type { MatchRule } from '../core/matcher';
import { euclidean, l2Normalize } from '../core/vector';
import type { EngineClient } from '../bridge/engine-pool';
import type { FaceCropOutcome } from '../engine/engine-protocol';
import { enrolledIdsOf, getDatabase, readEmbeddings } from '../storage/databases';
import { getImageBlob } from '../storage/datasets';
import type { DatabaseRecord } from '../storage/schema';
import { matching } from './matching';

/** One person of the database as the matching rule placed them for one face. */
export interface PersonEvidence {
  personKey: string;
  person: string;
  /** 1 is the person the face was matched to. */
  rank: number;
  /** The rule's distance: to the person's average, or to their nearest enrolled image. */
  distance: number;
  /** Votes among the k nearest enrolled images (k-nearest-image rules). */
  votes?: number;
  /** Up to three of their enrolled images, the ones nearest this face first. */
  imageIds: string[];
}

export interface FaceExplanation {
  rule: MatchRule;
  /** People in the face database. */
  people: number;
  /** The three nearest people, nearest first. */
  nearest: PersonEvidence[];
  /**
   * The person the face really is, when that is known (a labelled test image): where the rule
   * ranked them, or null when they are not in this database.
   */
  truth: { person: string; evidence: PersonEvidence | null } | null;
}

const shownPeople = 3;
const shownImages = 3;

/** Every person of a face database ranked for one embedding under a rule, as recognition ranks them. */
export async function rankPeople(
  record: DatabaseRecord,
  embedding: Float32Array,
  rule: MatchRule,
): Promise<Omit<PersonEvidence, 'imageIds'>[]> {
  const [outcome] = await matching().match(record.id, rule, [embedding], record.identities.length);
  return outcome!.ranked.map(({ person, personKey, distance, votes }, i) => ({
    person,
    personKey,
    distance,
    ...(votes === undefined ? {} : { votes }),
    rank: i + 1,
  }));
}

/** A person's enrolled images nearest the face first; in enrolment order where none is stored. */
async function nearestEnrolled(record: DatabaseRecord, personKey: string, probe: Float32Array) {
  const ids = enrolledIdsOf(record, personKey);
  const stored = await readEmbeddings(record.modelKey, ids, 'enrol');
  const unitProbe = l2Normalize(probe);
  const distance = (id: string) => {
    const e = stored.get(id)?.embedding;
    return e ? euclidean(unitProbe, e) : Number.POSITIVE_INFINITY;
  };
  return ids
    .map((id) => ({ id, d: distance(id) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, shownImages)
    .map((x) => x.id);
}

/**
 * Why a face got its answer: the three nearest people under the rule, each with some of their
 * enrolled images, and, for a labelled face, where the true person ranked.
 */
export async function explainFace(
  databaseId: string,
  embedding: Float32Array,
  rule: MatchRule,
  truePerson?: string,
): Promise<FaceExplanation> {
  const record = await getDatabase(databaseId);
  if (!record) throw new LikenessError('storage-failed', 'That face database no longer exists');
  const ranked = await rankPeople(record, embedding, rule);
  const withImages = async (p: Omit<PersonEvidence, 'imageIds'>): Promise<PersonEvidence> => ({
    ...p,
    imageIds: await nearestEnrolled(record, p.personKey, embedding),
  });
  const nearest = await Promise.all(ranked.slice(0, shownPeople).map(withImages));
  let truth: FaceExplanation['truth'] = null;
  if (truePerson !== undefined) {
    // Recognition compares names (an imported database's people are matched by name).
    const placed = ranked.find((p) => p.person === truePerson);
    const shown = nearest.find((p) => p.person === truePerson);
    truth = { person: truePerson, evidence: shown ?? (placed ? await withImages(placed) : null) };
  }
  return { rule, people: ranked.length, nearest, truth };
}

/** A stored test image's stored embedding (the one recognition matched) and the crop the model saw. */
export async function explainTestImage(
  client: EngineClient,
  databaseId: string,
  imageId: string,
  truePerson: string,
  rule: MatchRule,
  signal?: AbortSignal,
): Promise<{ explanation: FaceExplanation; crop: FaceCropOutcome }> {
  const record = await getDatabase(databaseId);
  if (!record) throw new LikenessError('storage-failed', 'That face database no longer exists');
  const stored = (await readEmbeddings(record.modelKey, [imageId], 'probe')).get(imageId);
  if (!stored?.embedding) {
    throw new LikenessError('no-face', stored?.error?.message ?? 'This image has not been embedded');
  }
  const crop = await client.faceCrop(await getImageBlob(imageId), { signal, name: imageId });
  const explanation = await explainFace(databaseId, stored.embedding, rule, truePerson);
  return { explanation, crop };
}
