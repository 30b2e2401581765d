/**
 * A real single-node Apache Kafka (KRaft, broker+controller in one JVM) for tests and benchmarks.
 * The broker comes from Maven Central through tools/kafka/pom.xml; only Java 17 and Maven are needed.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

export interface KafkaBrokerOptions {
  /** Data directory (log dirs, config, broker.log). A fresh temporary one by default. */
  readonly dir?: string;
  /** Client port; a free loopback port by default. */
  readonly port?: number;
  /** How long to wait for the broker to answer (ms). */
  readonly startTimeoutMs?: number;
  /**
   * Also open a SASL_PLAINTEXT listener (SCRAM-SHA-256 and -512) with these users, created at format
   * time (`kafka-storage format --add-scram`), as a secured Strimzi listener would demand. The
   * PLAINTEXT listener stays for the broker itself and the harness.
   */
  readonly scramUsers?: readonly { readonly username: string; readonly password: string }[];
}

export interface KafkaBroker {
  /** `host:port`, for `KAFKA_BROKERS` / kafkajs `brokers`. */
  readonly brokers: string;
  /** `host:port` of the SASL_PLAINTEXT listener, when started with `scramUsers`. */
  readonly saslBrokers?: string;
  readonly dir: string;
  /** Graceful shutdown (SIGTERM, waits for the JVM to exit); deletes the data directory if it made it. */
  stop(): Promise<void>;
  /** Stops and starts again on the same ports and log dir; data survives. */
  restart(): Promise<void>;
  /** SIGKILL, no waiting: a crash. */
  kill(): void;
}

const KAFKA_TOOLS_DIR = resolve(__dirname, '../../kafka');
const CLASSPATH_FILE = join(KAFKA_TOOLS_DIR, 'classpath.txt');
const HOST = '127.0.0.1';

/** Resolves the broker's classpath once; Maven caches the jars in ~/.m2, so later runs take seconds. */
export function kafkaClasspath(): string {
  if (!existsSync(CLASSPATH_FILE)) {
    const mvn = spawnSync(
      'mvn',
      ['-q', '-B', '-f', join(KAFKA_TOOLS_DIR, 'pom.xml'), 'dependency:build-classpath', `-Dmdep.outputFile=${CLASSPATH_FILE}`],
      { encoding: 'utf8', timeout: 600_000 },
    );
    if (mvn.status !== 0 || !existsSync(CLASSPATH_FILE)) {
      throw new Error(`mvn could not resolve the Kafka classpath: ${mvn.error?.message ?? ''}${mvn.stdout ?? ''}${mvn.stderr ?? ''}`);
    }
  }
  return readFileSync(CLASSPATH_FILE, 'utf8').trim();
}

/**
 * A port for a process that binds it later (a broker, a service child). Drawn from below the kernel's
 * ephemeral range (32768-60999 on Linux): anything that binds port 0 meanwhile (an embedded platform in a
 * parallel jest worker) is given ports from that range, so it cannot take this one before its owner
 * binds it, which once left a test talking to another worker's service.
 */
const RESERVED_LOW = 20_000;
const RESERVED_HIGH = 32_000;

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = RESERVED_LOW + Math.floor(Math.random() * (RESERVED_HIGH - RESERVED_LOW));
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port between ${RESERVED_LOW} and ${RESERVED_HIGH}`);
}

function canBind(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const server = createServer();
    server.unref();
    server.once('error', () => ok(false));
    server.listen(port, HOST, () => server.close(() => ok(true)));
  });
}

function serverProperties(dir: string, port: number, controllerPort: number, saslPort?: number): string {
  const sasl = saslPort === undefined ? '' : `,SASL_PLAINTEXT://${HOST}:${saslPort}`;
  return [
    ...(saslPort === undefined
      ? []
      : [
          'sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512',
          // The server side of SCRAM needs a login module per mechanism; credentials live in the metadata log.
          'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
          'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
        ]),
    'process.roles=broker,controller',
    'node.id=1',
    // A static quorum works on 3.x and 4.x alike and needs no --standalone at format time.
    `controller.quorum.voters=1@${HOST}:${controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}${sasl}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${port}${sasl}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
    `log.dirs=${join(dir, 'logs')}`,
    // One node: every internal topic with replication factor 1, and few partitions so startup is fast.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=4',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'default.replication.factor=1',
    'min.insync.replicas=1',
    'group.initial.rebalance.delay.ms=0',
    // Tests use short session timeouts so a killed consumer's partitions move on quickly.
    'group.min.session.timeout.ms=1000',
    'auto.create.topics.enable=true',
    'num.partitions=3',
    'log.retention.hours=1',
    '',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  '',
].join('\n');

// kafka 4.x also ships log4j-core (its logger-level admin API uses it); give it a config too.
const LOG4J2 = [
  'appender.console.type=Console',
  'appender.console.name=STDOUT',
  'appender.console.layout.type=PatternLayout',
  'appender.console.layout.pattern=[%d] %p %m (%c)%n',
  'rootLogger.level=warn',
  'rootLogger.appenderRef.stdout.ref=STDOUT',
  '',
].join('\n');

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => child.once('exit', () => ok()));
}

async function waitUntilReady(brokers: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const kafka = new Kafka({ clientId: 'hope-kafka-harness', brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Kafka broker exited (${child.exitCode ?? child.signalCode}) while starting:\n${tail(logFile)}`);
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      // Asking for a group also creates __consumer_offsets, so the first test does not wait for it.
      if (cluster.brokers.length > 0 && cluster.controller !== null) {
        await admin.describeGroups(['hope-kafka-harness-warmup']);
        return;
      }
    } catch {
      // not up yet
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`Kafka broker did not answer within ${timeoutMs} ms:\n${tail(logFile)}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

/** `--add-scram` arguments: each user gets credentials for both SCRAM mechanisms. */
function scramArgs(users: NonNullable<KafkaBrokerOptions['scramUsers']>): string[] {
  return users.flatMap(({ username, password }) =>
    ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((mechanism) => ['--add-scram', `${mechanism}=[name=${username},password=${password}]`]),
  );
}

export async function startKafkaBroker(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const classpath = kafkaClasspath();
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'hope-kafka-'));
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const brokers = `${HOST}:${port}`;
  let saslPort: number | undefined;
  if (options.scramUsers !== undefined) {
    saslPort = await freePort();
    while (saslPort === port || saslPort === controllerPort) saslPort = await freePort();
  }
  const config = join(dir, 'server.properties');
  const logFile = join(dir, 'broker.log');
  const log4j = join(dir, 'log4j.properties');
  writeFileSync(config, serverProperties(dir, port, controllerPort, saslPort));
  const log4j2 = join(dir, 'log4j2.properties');
  writeFileSync(log4j, LOG4J);
  writeFileSync(log4j2, LOG4J2);
  const jvmLogging = [`-Dlog4j.configuration=file:${log4j}`, `-Dlog4j2.configurationFile=${log4j2}`, '-Djava.awt.headless=true'];

  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const out = openSync(logFile, 'a');
    child = spawn('java', ['-Xmx512m', '-Xms256m', ...jvmLogging, '-cp', classpath, 'kafka.Kafka', config], {
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    // Never leave an orphan JVM behind when the test process dies.
    const current = child;
    const onExit = (): void => void current.kill('SIGKILL');
    process.once('exit', onExit);
    current.once('exit', () => process.removeListener('exit', onExit));
    try {
      await waitUntilReady(brokers, current, logFile, options.startTimeoutMs ?? 60_000);
    } catch (error) {
      current.kill('SIGKILL');
      throw error;
    }
  };
  const halt = async (): Promise<void> => {
    const current = child;
    if (!current) return;
    child = undefined;
    current.kill('SIGTERM');
    const timer = setTimeout(() => current.kill('SIGKILL'), 20_000);
    await exited(current);
    clearTimeout(timer);
  };

  try {
    if (!existsSync(join(dir, 'logs', 'meta.properties'))) {
      // kafka-storage.sh format: a KRaft log dir needs a cluster id before the first start.
      const clusterId = randomBytes(16).toString('base64url');
      const format = spawnSync(
        'java',
        ['-XX:TieredStopAtLevel=1', ...jvmLogging, '-cp', classpath, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', config, '--ignore-formatted', ...scramArgs(options.scramUsers ?? [])],
        { encoding: 'utf8', timeout: 60_000 },
      );
      if (format.status !== 0) throw new Error(`kafka StorageTool format failed: ${format.error?.message ?? ''}${format.stdout ?? ''}${format.stderr ?? ''}`);
    }
    await launch();
  } catch (error) {
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    brokers,
    ...(saslPort !== undefined ? { saslBrokers: `${HOST}:${saslPort}` } : {}),
    dir,
    stop: async () => {
      await halt();
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await halt();
      await launch();
    },
    // Keeps the handle so a later stop()/restart() waits for the dead JVM to release its ports.
    kill: () => void child?.kill('SIGKILL'),
  };
}
