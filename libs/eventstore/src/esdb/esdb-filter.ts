import type { AllFilter } from '../event-store.port';

/**
 * Which half of a filter EventStoreDB evaluates server-side (it filters on stream name OR event
 * type, never both) and the predicate we still apply client-side: the other half, and system
 * events (`$`-prefixed types and streams), which our port never exposes.
 */
export type ServerFilter =
  | { readonly on: 'stream'; readonly prefixes: string[] }
  | { readonly on: 'type'; readonly regex: string }
  | { readonly on: 'exclude-system' };

export function serverFilterFor(filter: AllFilter | undefined): ServerFilter {
  if (filter?.streamPrefixes !== undefined && filter.streamPrefixes.length > 0) {
    return { on: 'stream', prefixes: [...filter.streamPrefixes] };
  }
  if (filter?.eventTypes !== undefined && filter.eventTypes.length > 0) {
    return { on: 'type', regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` };
  }
  return { on: 'exclude-system' };
}

export function keepEvent(filter: AllFilter | undefined, stream: string, type: string): boolean {
  if (stream.startsWith('$') || type.startsWith('$')) return false;
  const prefixes = filter?.streamPrefixes;
  if (prefixes !== undefined && !prefixes.some((p) => stream.startsWith(p))) return false;
  const types = filter?.eventTypes;
  return types === undefined || types.includes(type);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
