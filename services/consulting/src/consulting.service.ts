import { Topics } from '@hope/contracts';
import type { ServiceDefinition } from '@hope/platform';

/** Expert interviews, virtual research groups, exchange meetings and their seats. */
export const consultingService: ServiceDefinition = {
  name: 'consulting',
  defaultPort: 3003,
  title: 'HOPE consulting',
  description: 'Expert interviews, virtual research groups, exchange meetings and their seats.',
  imports: [],
  // Every service listens to the others' topics (the pipeline probe needs no more for now).
  consumes: Object.values(Topics).filter((t) => t !== Topics.consulting),
};
