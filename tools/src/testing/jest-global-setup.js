// Starts one real Kafka broker for the whole jest run (unless KAFKA_BROKERS points at one) and hands
// its address to the test workers through process.env, which they inherit.
// Plain JS: jest loads global setup outside ts-jest, so the TypeScript harness goes through swc.
module.exports = async () => {
  if (process.env.KAFKA_BROKERS) return;
  if (process.env.HOPE_KAFKA === 'off') {
    process.env.KAFKA_UNAVAILABLE = 'HOPE_KAFKA=off: no broker started for this run';
    return;
  }
  try {
    require('@swc-node/register');
    const { startKafkaBroker } = require('./kafka-broker.ts');
    const broker = await startKafkaBroker();
    globalThis.__HOPE_KAFKA_BROKER__ = broker;
    process.env.KAFKA_BROKERS = broker.brokers;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') {
      throw new Error(`Kafka is required in CI and could not be started: ${reason}`);
    }
    process.env.KAFKA_UNAVAILABLE = reason.split('\n')[0] || 'unknown error';
  }
};
