import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { eventually } from './eventually';

const ROOT = resolve(__dirname, '../../..');

export interface ServiceProcessOptions {
  readonly service: 'demand' | 'matching' | 'consulting' | 'points';
  readonly port: number;
  readonly env: Record<string, string>;
  /**
   * Start from this process's environment (default), or from `env` alone plus PATH and HOME, the way a
   * container sees only what its manifest sets: jest's NODE_ENV=test must not mask a production setting.
   */
  readonly inheritEnv?: boolean;
}

/**
 * One service as its own OS process (distributed mode), the way a container runs it, so a test can
 * SIGKILL it mid-stream and start it again on the same data.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: ServiceProcessOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get port(): number {
    return this.options.port;
  }

  /** Whether the process is up (started and not exited). */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get logs(): string {
    return this.output;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${this.options.service}/src/main.ts`], {
      cwd: ROOT,
      env: { ...this.baseEnv(), ...this.options.env, PORT: String(this.options.port), HOST: '127.0.0.1', SERVICE_NAME: this.options.service },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const append = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.exited = new Promise((done) => child.once('exit', () => done()));
    await eventually(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.options.service} exited with ${child.exitCode ?? child.signalCode}:\n${this.output}`);
        const r = await fetch(`${this.url}/health/ready`);
        if (!r.ok) throw new Error(`${this.options.service} not ready: ${r.status}`);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    ).catch((e: unknown) => {
      throw new Error(`${this.options.service} did not become ready: ${String(e)}\n${this.output}`);
    });
  }

  private baseEnv(): NodeJS.ProcessEnv {
    if (this.options.inheritEnv !== false) return process.env;
    return { PATH: process.env.PATH, HOME: process.env.HOME };
  }

  /** No goodbye: no offset commit, no checkpoint, no lease release. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the graceful path (in-flight work finishes). */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timeout = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timeout);
  }
}
