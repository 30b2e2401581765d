export type { Decider, DomainEvent } from '@hope/kernel';
