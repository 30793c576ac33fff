/**
 * Calls into a forked Node process over its IPC channel (`{id, op, args}` in, `{id, result}` / `{id, error}` out):
 * benchmarks put their load generators in child processes so that the CPU they use is counted apart from the
 * process under test, and spread over the cores.
 */
import { type ChildProcess, fork } from 'node:child_process';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export class ChildRpc {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private exited = false;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    });
    child.once('exit', (code) => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`child process exited (${code})`));
      this.pending.clear();
    });
  }

  /** Forks a TypeScript entry (run through tsx) that calls `serveRpc`. */
  static fork(entry: string, env: Record<string, string> = {}): ChildRpc {
    const child = fork(entry, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    return new ChildRpc(child);
  }

  get pid(): number | null {
    return this.exited ? null : (this.child.pid ?? null);
  }

  call<T>(op: string, ...args: unknown[]): Promise<T> {
    if (this.exited) return Promise.reject(new Error('child process exited'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, op, args });
    });
  }

  /** Disconnects (the child exits on that) and waits; kills it after 3 s. */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(timer);
  }
}

/** The child's side: runs each call's handler and answers; exits when the parent goes away. */
export function serveRpc(handlers: Record<string, (...args: never[]) => unknown>): void {
  const send = (msg: object) => {
    if (process.connected) process.send?.(msg);
  };
  process.on('message', (msg: { id: number; op: string; args: unknown[] }) => {
    const fn = handlers[msg.op] as ((...a: unknown[]) => unknown) | undefined;
    if (!fn) return send({ id: msg.id, error: `unknown op ${msg.op}` });
    Promise.resolve()
      .then(() => fn(...msg.args))
      .then(
        (result) => send({ id: msg.id, result: result ?? null }),
        (err: unknown) => send({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
}
