/** Starts `sfu-host.ts` in a child process and signals its rooms like an in-process `SfuRoom`. */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { SdpDescription, SfuRoomOptions } from '@livelab/media';
import type { SfuSignalling } from '@livelab/media/testing';

/** How a host's room spreads its subscribers over worker threads. */
export type FanoutThreads = Pick<SfuRoomOptions, 'fanoutThreads' | 'subscribersPerThread'>;

export class SfuHostClient {
  private calls = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { id?: number; value?: unknown; error?: string }) => {
      const call = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id!);
      if (message.error) call.reject(new Error(message.error));
      else call.resolve(message.value);
    });
  }

  static async start(): Promise<SfuHostClient> {
    const child = fork(path.join(__dirname, 'sfu-host.ts'), [], {
      // BENCH_SFU_CPU_PROF=<dir> writes a V8 CPU profile of the host, to find the hot spots of forwarding.
      execArgv: [
        '--import',
        'tsx',
        ...(process.env['BENCH_SFU_CPU_PROF']
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_SFU_CPU_PROF']}`]
          : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`sfu host exited (${code})`)));
    });
    return new SfuHostClient(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** A room in the host process (with its recorder when `record`), signalled through this client. */
  async createRoom(roomId: string, record = false, threads: FanoutThreads = {}): Promise<SfuSignalling> {
    await this.call('createRoom', roomId, record, threads);
    return {
      publish: (offer: SdpDescription) =>
        this.call('publish', roomId, offer) as Promise<{ publisherId: string; answer: SdpDescription }>,
      subscribe: () =>
        this.call('subscribe', roomId) as Promise<{ subscriberId: string; offer: SdpDescription }>,
      completeSubscribe: async (subscriberId: string, answer: SdpDescription) => {
        await this.call('completeSubscribe', roomId, subscriberId, answer);
      },
    };
  }

  recorded(): Promise<Record<string, number>> {
    return this.call('recorded') as Promise<Record<string, number>>;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call('shutdown').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private call(method: string, ...args: unknown[]): Promise<unknown> {
    this.calls += 1;
    const id = this.calls;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, method, args });
    });
  }
}
