import type { ServiceName } from '@hope/contracts';

export const SERVICE_IDENTITY = Symbol('SERVICE_IDENTITY');

export interface ServiceIdentity {
  readonly name: ServiceName;
  /** Unique per replica: names lease holders and log lines. */
  readonly instanceId: string;
}
