import { ResponseContract } from '../src/testing';

/** The judge of real answers the e2e tests' clients use: what it lets through and what it names. */
describe('ResponseContract: an answer against the published document', () => {
  const contract = new ResponseContract({
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            '404': { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, examples: { 'THING.NOT_FOUND': { value: { code: 'THING.NOT_FOUND' } } } } } },
          },
        },
        delete: { responses: { '204': {} } },
      },
      '/imports': { post: { responses: { '200': { content: { 'application/x-ndjson': { schema: { oneOf: [{ $ref: '#/components/schemas/Progress' }] } } } } } } },
    },
    components: {
      schemas: {
        Thing: { type: 'object', required: ['id', 'at'], properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, note: { type: 'string', nullable: true }, tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } } } },
        Tag: { type: 'object', required: ['name'], properties: { name: { type: 'string', enum: ['a', 'b'] } } },
        Problem: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, status: { type: 'integer' } } },
        Progress: { type: 'object', required: ['read'], properties: { read: { type: 'integer' } } },
      },
    },
  });
  const answer = (status: number, body: unknown, { method = 'GET', path = '/things/{id}', contentType = 'application/json' } = {}) => ({
    method,
    path,
    status,
    contentType,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  it('lets through what the document describes: nullable fields, nested references, errors, empty 204s', () => {
    expect(contract.violations(answer(200, { id: 't1', at: '2026-12-05T17:00:00.000Z', note: null, tags: [{ name: 'a' }] }))).toEqual([]);
    expect(contract.violations(answer(404, { code: 'THING.NOT_FOUND', status: 404 }, { contentType: 'application/problem+json' }))).toEqual([]);
    expect(contract.violations(answer(204, '', { method: 'DELETE' }))).toEqual([]);
    expect(contract.violations(answer(200, '{"read":1}\n{"read":2}\n', { method: 'POST', path: '/imports', contentType: 'application/x-ndjson; charset=utf-8' }))).toEqual([]);
  });

  it('names an undocumented status, operation or content type', () => {
    expect(contract.violations(answer(201, { id: 't1', at: '2026-12-05T17:00:00.000Z' }))).toEqual(['GET /things/{id} answered 201: not a documented status (documented: 200, 404)']);
    expect(contract.violations(answer(200, {}, { path: '/nothing' }))).toEqual(['GET /nothing answered 200: the document has no such operation']);
    expect(contract.violations(answer(404, { code: 'NOT_FOUND' }))).toEqual(['GET /things/{id} answered 404: content type application/json is not documented (application/problem+json)']);
  });

  it('names a problem code the operation does not document for that status (a client could not branch on it)', () => {
    expect(contract.violations(answer(404, { code: 'NOT_FOUND', status: 404 }, { contentType: 'application/problem+json' }))).toEqual([
      'GET /things/{id} answered 404: problem code NOT_FOUND is not documented for this status (documented: THING.NOT_FOUND)',
    ]);
  });

  it('names a body that breaks its schema: a missing or mistyped field, a bad enum or format, a field the document does not list', () => {
    const [violation] = contract.violations(answer(200, { at: 'yesterday', note: 3, tags: [{ name: 'c' }], extra: true }));
    expect(violation).toContain("must have required property 'id'");
    expect(violation).toContain('/at must match format "date-time"');
    expect(violation).toContain('/note must be string');
    expect(violation).toContain('/tags/0/name must be equal to one of the allowed values');
    expect(violation).toContain('must NOT have additional properties (extra)');
  });

  it('checks every line of an NDJSON answer', () => {
    expect(contract.violations(answer(200, '{"read":1}\n{"read":"two"}\nnot json\n', { method: 'POST', path: '/imports', contentType: 'application/x-ndjson' }))).toEqual([
      'POST /imports answered 200: line 2 does not match its schema: /read must be integer; / must match exactly one schema in oneOf',
      'POST /imports answered 200: line 3 is not JSON: not json',
    ]);
  });

  it('reads a service\'s committed document', () => {
    const points = ResponseContract.of('points');
    expect(points.violations({ method: 'GET', path: '/leaderboard', status: 200, contentType: 'application/json', body: '{"period":"all","items":[]}' })).toEqual([]);
    expect(points.violations({ method: 'GET', path: '/leaderboard', status: 200, contentType: 'application/json', body: '{"items":"none"}' })).not.toEqual([]);
  });
});

describe('ResponseContract.templateOf: the operation a concrete path names', () => {
  const contract = new ResponseContract({
    paths: {
      '/meetings/{meetingId}/registrations/{participantId}': { delete: {} },
      '/meetings/{meetingId}/registrations/mine': { delete: {} },
      '/meetings/{meetingId}': { get: {} },
    },
  });

  it('prefers the most literal template, ignores the query and the method it is not documented for', () => {
    expect(contract.templateOf('DELETE', '/meetings/m1/registrations/mine')).toBe('/meetings/{meetingId}/registrations/mine');
    expect(contract.templateOf('DELETE', '/meetings/m1/registrations/e-7')).toBe('/meetings/{meetingId}/registrations/{participantId}');
    expect(contract.templateOf('GET', '/meetings/m1?view=full')).toBe('/meetings/{meetingId}');
    expect(contract.templateOf('POST', '/meetings/m1')).toBeUndefined();
    expect(contract.templateOf('GET', '/meetings//')).toBeUndefined();
  });
});
