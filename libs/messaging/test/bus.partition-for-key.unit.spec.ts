import { murmur2, partitionForKey } from '../src/bus/in-process/partition-for-key';

describe('partitionForKey', () => {
  // Expected values from Apache Kafka's UtilsTest.testMurmur2, so keys land where Kafka puts them.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %s like Kafka', (key, expected) => {
    expect(murmur2(Buffer.from(key))).toBe(expected);
  });

  it('is stable and within range', () => {
    for (let i = 0; i < 1_000; i++) {
      const p = partitionForKey(`account-${i}`, 7);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(7);
      expect(partitionForKey(`account-${i}`, 7)).toBe(p);
    }
  });
});
