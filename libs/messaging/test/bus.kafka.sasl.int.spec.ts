import { logLevel } from 'kafkajs';
import { startKafkaBroker, type KafkaBroker } from '../../../tools/src/testing/kafka-broker';
import { KafkaBus, MissingManagedTopicsError, type KafkaBusOptions } from '../src/bus/kafka/kafka.bus';
import { Deliveries, kafkaUnavailable, TEST_KAFKA_TUNING, uniqueName, waitFor } from '@hope/messaging/testing';

/**
 * A secured listener, as a Strimzi cluster with `authentication: scram-sha-512` exposes it: the real
 * broker with a SASL_PLAINTEXT SCRAM listener and a user created at format time. TLS is the same
 * kafkajs option path (`ssl`) and needs certificates this harness does not mint.
 */
const unavailable = kafkaUnavailable();
if (unavailable) process.stderr.write(`Kafka SASL suite skipped: ${unavailable}\n`);

const user = { username: 'hope-points', password: 'scram-test-password-1' };

(unavailable ? describe.skip : describe)('KafkaBus on a SASL/SCRAM listener', () => {
  let broker: KafkaBroker;
  const open: KafkaBus[] = [];
  const connect = async (options: Partial<KafkaBusOptions>): Promise<KafkaBus> => {
    const bus = await KafkaBus.connect({ brokers: broker.saslBrokers!, clientId: uniqueName('sasl'), logLevel: logLevel.NOTHING, consumer: TEST_KAFKA_TUNING, ...options });
    open.push(bus);
    return bus;
  };

  beforeAll(async () => {
    broker = await startKafkaBroker({ scramUsers: [user] });
  }, 120_000);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((b) => b.close()));
  });
  afterAll(async () => {
    await broker?.stop();
  }, 60_000);

  it.each(['scram-sha-512', 'scram-sha-256'] as const)('publishes and consumes with the right %s credentials', async (mechanism) => {
    const bus = await connect({ sasl: { mechanism, ...user } });
    const topic = uniqueName('secured');
    await bus.ensureTopics([topic]);
    const seen = new Deliveries();
    await bus.consume({ groupId: uniqueName('g'), topics: [topic], handler: seen.handler() });
    await bus.publish(topic, [1, 2, 3].map((i) => ({ key: `k${i}`, value: `m${i}` })));
    await waitFor('the three messages over SASL', () => seen.distinctValues().size === 3, 30_000);
  }, 60_000);

  it('fails clearly with a wrong password, and without credentials', async () => {
    await expect(connect({ sasl: { mechanism: 'scram-sha-512', username: user.username, password: 'wrong' } })).rejects.toThrow(
      /Kafka refused SASL scram-sha-512 authentication for user "hope-points"/,
    );
    // A plaintext client on a SASL listener never gets an answer it understands: it must not hang forever.
    await expect(
      KafkaBus.connect({ brokers: broker.saslBrokers!, clientId: uniqueName('anon'), logLevel: logLevel.NOTHING }).then((b) => open.push(b)),
    ).rejects.toThrow();
  }, 90_000);

  it('with managed topics, checks they exist and never creates them', async () => {
    const bus = await connect({ sasl: { mechanism: 'scram-sha-512', ...user }, managedTopics: true, managedTopicsWaitMs: 1_000 });
    const missing = uniqueName('unmanaged');
    const error = await bus.ensureTopics([missing]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingManagedTopicsError);
    expect((error as Error).message).toContain(`these do not exist: ${missing}`);

    const admin = await connect({ sasl: { mechanism: 'scram-sha-512', ...user } });
    const present = uniqueName('managed');
    await admin.ensureTopics([present]);
    await expect(bus.ensureTopics([present])).resolves.toBeUndefined();
    // Still missing: the check did not create it.
    await expect(bus.ensureTopics([missing])).rejects.toBeInstanceOf(MissingManagedTopicsError);
  }, 60_000);
});
