// Stops the broker jest-global-setup.js started (global setup and teardown share one process).
module.exports = async () => {
  const broker = globalThis.__HOPE_KAFKA_BROKER__;
  if (!broker) return;
  globalThis.__HOPE_KAFKA_BROKER__ = undefined;
  await broker.stop();
};
