require('@swc-node/register');
const { startKafkaBroker } = require('/work/main/tools/src/testing/kafka-broker.ts');
startKafkaBroker({ port: 39092 }).then((b) => { console.log('BROKERS', b.brokers); setInterval(() => {}, 1 << 30); });
