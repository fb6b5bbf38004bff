import { createMatchingClient, type MatchingClient } from '../bridge/matching';

export type { KeyedOutcome, KeyedPerson, MatchingClient, StoredOutcome } from '../bridge/matching';

let client: MatchingClient | null = null;

/** The matching worker, started on first use and shared by every flow. */
export function matching(): MatchingClient {
  client ??= createMatchingClient();
  return client;
}
