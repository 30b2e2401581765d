import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { createEventRegistry, PUBLISHED_EVENTS, Topics } from '@hope/contracts';
import { parse } from 'yaml';
import { ASYNCAPI_FILE, renderAsyncApi } from '../src/asyncapi/generate';

/** docs/asyncapi.yaml: generated from the contracts registry, committed, valid for the official parser. */
describe('the AsyncAPI document', () => {
  jest.setTimeout(120_000);
  const committed = readFileSync(ASYNCAPI_FILE, 'utf8');

  it('is what the contracts generate today (else: npm run asyncapi:generate and commit)', () => {
    expect(committed).toBe(renderAsyncApi());
  });

  it('has no error for the official AsyncAPI parser', async () => {
    const { document, diagnostics } = await new Parser().parse(committed);
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('describes every topic, every event type and version, and their payload schemas', () => {
    const doc = parse(committed) as { channels: Record<string, { address: string; messages: Record<string, unknown> }>; components: { schemas: Record<string, unknown> } };
    const registry = createEventRegistry();
    for (const [service, topic] of Object.entries(Topics)) {
      const channel = Object.values(doc.channels).find((c) => c.address === topic);
      const expected = PUBLISHED_EVENTS[service as keyof typeof Topics].flatMap((d) => Array.from({ length: registry.definition(d.type).version }, (_, i) => `${d.type}.v${i + 1}`));
      expect(Object.keys(channel?.messages ?? {}).sort()).toEqual(expected.sort());
      expect(Object.values(doc.channels).some((c) => c.address === `${topic}.dlq`)).toBe(true);
    }
    for (const type of registry.types()) {
      const d = registry.definition(type);
      for (let v = 1; v <= d.version; v++) expect(doc.components.schemas[`${type}.v${v}`]).toEqual(d.schemas?.[v]);
    }
  });
});
