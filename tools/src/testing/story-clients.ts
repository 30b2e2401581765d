import { consultingClient, pointsClient, type ServiceClient } from '@hope/client';
import { contractChecked } from '@hope/client/testing';
import type { Caller, DevTokens } from './dev-tokens';

/**
 * The generated clients (libs/client) a story speaks through, as one caller, each answer checked
 * against the published contract: what the story proves holds for the contract integrators use.
 */
export interface StoryClients {
  consulting(who: Caller): ServiceClient<'consulting'>;
  points(who: Caller, baseUrl?: string): ServiceClient<'points'>;
}

export function storyClients(tokens: DevTokens, urls: { consulting: string; points: string }): StoryClients {
  const token = (who: Caller) => () => tokens.token(who);
  return {
    consulting: (who) => contractChecked('consulting', consultingClient({ baseUrl: urls.consulting, token: token(who) })),
    points: (who, baseUrl = urls.points) => contractChecked('points', pointsClient({ baseUrl, token: token(who) })),
  };
}

/** The data of a typed answer with the status the step expects; otherwise an error naming the step, the status and the problem. */
export function expectData<T>(answer: { data?: T; error?: unknown; response: Response }, status: number, step: string): T {
  if (answer.response.status !== status || answer.data === undefined) {
    throw new Error(`${step}: expected ${status}, got ${answer.response.status} ${JSON.stringify(answer.error ?? answer.data)}`);
  }
  return answer.data;
}
