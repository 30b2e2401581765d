import { parseBody } from './service-client';

describe('a peer service body, as the service client reads it', () => {
  it('given JSON, when read, then it is the value', () => {
    expect(parseBody('{"code":"POINTS.INSUFFICIENT"}')).toEqual({ kind: 'json', value: { code: 'POINTS.INSUFFICIENT' } });
  });

  it('given an empty body (204, or an empty 200), when read, then there is no value', () => {
    expect(parseBody('')).toEqual({ kind: 'empty', value: undefined });
  });

  it("given a proxy's HTML error page or a truncated body, when read, then it is 'not JSON', never a thrown SyntaxError", () => {
    expect(parseBody('<html><body>502 Bad Gateway</body></html>')).toEqual({ kind: 'not-json' });
    expect(parseBody('{"code":"POI')).toEqual({ kind: 'not-json' });
  });
});
