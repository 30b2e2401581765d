import { EventRegistry, type EventEnvelope } from '@hope/contracts';
import { positionToString, type RecordedEvent } from '@hope/eventstore';

/** One exported event: flat columns for SQL, the payload as JSON text. */
export interface ExportRow {
  position: string;
  stream: string;
  revision: number;
  id: string;
  type: string;
  version: number | null;
  recordedAt: string;
  correlationId: string | null;
  causationId: string | null;
  data: string;
}

/**
 * Integration events (a registered type with a payload version) are upcast to the current version,
 * as a consumer would see them; domain events are exported as recorded.
 */
export function toRow(e: RecordedEvent, registry: EventRegistry): ExportRow {
  const version = typeof e.metadata.version === 'number' ? e.metadata.version : null;
  let data: unknown = e.data;
  let current = version;
  if (version !== null && registry.has(e.type)) {
    const envelope: EventEnvelope = { id: e.id, type: e.type, version, stream: e.stream, occurredAt: e.recordedAt.toISOString(), correlationId: e.id, data: e.data };
    const upcast = registry.upcast(envelope);
    data = upcast.data;
    current = upcast.version;
  }
  return {
    position: positionToString(e.position),
    stream: e.stream,
    revision: e.revision,
    id: e.id,
    type: e.type,
    version: current,
    recordedAt: e.recordedAt.toISOString(),
    correlationId: typeof e.metadata.correlationId === 'string' ? e.metadata.correlationId : null,
    causationId: typeof e.metadata.causationId === 'string' ? e.metadata.causationId : null,
    data: JSON.stringify(data),
  };
}

export const CSV_COLUMNS: readonly (keyof ExportRow)[] = ['position', 'stream', 'revision', 'id', 'type', 'version', 'recordedAt', 'correlationId', 'causationId', 'data'];

const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const csvLine = (row: ExportRow): string => CSV_COLUMNS.map((c) => csvCell(row[c])).join(',');
