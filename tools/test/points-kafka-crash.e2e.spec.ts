import { randomUUID } from 'node:crypto';
import { Topics } from '@hope/contracts';
import { logLevel } from 'kafkajs';
import { KafkaBus } from '@hope/messaging';
import { describeWithKafka } from '../src/testing/describe-with-kafka';
import { DistributedRun } from '../src/testing/distributed-run';
import { eventually } from '../src/testing/eventually';
import { duplicateMovements, noPointsReadModelDrifted, readAccount, readWholeLedger, rebuildPointsReadModels } from '../src/testing/points-ledger-reader';
import { PointsSourceEvents, publishAsRelay } from '../src/testing/points-source-events';

const SOURCE_TOPICS = [Topics.demand, Topics.matching, Topics.consulting];

/**
 * Issue 3: over real Kafka with points as its own process, a stream of source events in which every
 * event comes twice, and a SIGKILL of the points process in the middle, then a restart, ends with
 * exactly the balances the rules give, and a ledger with no movement recorded twice.
 *
 * The broker is this file's own: the services' consumer groups are named after the services, so two
 * test files running a points process on one broker would share (and steal) each other's partitions.
 */
describeWithKafka('points over real Kafka: duplicates and a SIGKILL mid-stream end with exact balances', () => {
  jest.setTimeout(180_000);
  const distributed = new DistributedRun('crash');
  const operator = { sub: 'ops-crash', role: 'operator' as const };
  let bus: KafkaBus;

  beforeAll(() =>
    distributed.start({
      services: ['points'],
      // The source topics exist before points subscribes to them.
      beforeServices: async (brokers) => {
        bus = await KafkaBus.connect({ brokers, clientId: 'points-crash-test', logLevel: logLevel.NOTHING });
        await bus.ensureTopics([...SOURCE_TOPICS, Topics.points]);
      },
    }),
  );

  afterAll(async () => {
    await bus?.close();
    await distributed.stop();
  });

  const tokens = () => distributed.tokens;
  const points = () => distributed.cluster.replica('points').url;

  /** Six experts, each with clues, plans (some shortlisted, adopted, withdrawn), consultations, meetings, invitations. */
  const sourceStream = (): PointsSourceEvents => {
    const source = new PointsSourceEvents();
    const experts = Array.from({ length: 6 }, (_, i) => `crash-expert-${i}-${randomUUID().slice(0, 6)}`);
    experts.forEach((expert, i) => {
      const clues = Array.from({ length: 6 }, () => source.clue(expert));
      const plans = Array.from({ length: 3 }, () => source.plan(expert));
      source.shortlist(plans[0]!);
      source.shortlist(plans[1]!);
      source.adopt(plans[0]!);
      source.consultation(expert);
      source.meeting(expert, 'exchange-meeting');
      source.meeting(expert, 'technical-seminar');
      if (i > 0) source.joined(expert, experts[i - 1]!);
      // Retractions: a clue, and a shortlisted plan (its submission and shortlisting are both reversed).
      source.withdraw(clues[i % clues.length]!);
      if (i % 2 === 0) source.withdraw(plans[1]!);
    });
    return source;
  };

  it('every event delivered twice, the points process SIGKILLed mid-stream and restarted', async () => {
    const source = sourceStream();
    const deliveries = source.deliveredTwice();
    expect(deliveries).toHaveLength(source.events.length * 2);
    const firstCut = Math.floor(deliveries.length * 0.45);
    const secondCut = Math.floor(deliveries.length * 0.75);

    // Part one, and the consumer is killed while it works through it.
    await publishAsRelay(bus, deliveries.slice(0, firstCut));
    await eventually(async () => {
      const balances = await Promise.all(source.experts().map((e) => readAccount(tokens(), points(), e, operator)));
      return balances.some((b) => b.lifetimeEarned > 0);
    }, { timeoutMs: 60_000, intervalMs: 20 });
    await distributed.cluster.replica('points').kill();

    // Part two while it is down, then a restart on the same data, then the rest.
    await publishAsRelay(bus, deliveries.slice(firstCut, secondCut));
    await distributed.cluster.replica('points').start();
    await publishAsRelay(bus, deliveries.slice(secondCut));

    const expectExactBalances = async () => {
      for (const expertId of source.experts()) {
        const want = source.expected(expertId);
        expect({ expertId, ...(await readAccount(tokens(), points(), expertId, operator)) }).toMatchObject({
          expertId,
          available: 0,
          pending: want.pending,
          reserved: 0,
          lifetimeEarned: want.earned,
          reversed: want.reversed,
        });
      }
    };
    await eventually(expectExactBalances, { timeoutMs: 120_000, intervalMs: 500 });
    // Everything was consumed and committed; nothing late can change the figures any more.
    await eventually(async () => expect(await bus.consumerLag('points', SOURCE_TOPICS)).toBe(0), { timeoutMs: 60_000, intervalMs: 500 });
    await expectExactBalances();

    for (const expertId of source.experts()) {
      const ledger = await readWholeLedger(tokens(), points(), expertId, operator);
      expect({ expertId, duplicates: duplicateMovements(ledger) }).toEqual({ expertId, duplicates: [] });
      const want = source.expected(expertId);
      expect({
        expertId,
        earned: ledger.filter((m) => m.type === 'PointsEarned').length,
        reversed: ledger.filter((m) => m.type === 'PointsReversed').length,
      }).toEqual({ expertId, earned: want.earnings, reversed: want.reversals });
    }

    // The read models the restarted process kept equal a replay from position 0.
    expect(await rebuildPointsReadModels(tokens(), points(), operator)).toMatchObject(noPointsReadModelDrifted());
  });
});
