import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./seededServer.ts', import.meta.url));
const serverDir = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed (for a failing test's message). */
  output(): string;
  /** Asks the server how many messages are stored. */
  countMessages(): Promise<number>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Per-person socket budgets out of the way, for a benchmark or test whose few people send as fast as the server takes
 * it (a person's own budget is SOCKET_MESSAGES_PER_10S and SOCKET_FRAMES_PER_10S).
 */
export const UNLIMITED_SOCKETS = { SOCKET_MESSAGES_PER_10S: '100000000', SOCKET_FRAMES_PER_10S: '100000000' };

/** Starts seededServer.ts in its own Node process and waits until it listens. */
export async function startServerProcess(
  env: Record<string, string>,
  opts: { nodeArgs?: string[]; cpu?: string; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const nodeArgs = [...(opts.nodeArgs ?? []), '--import', 'tsx', script];
  const [cmd, args] = opts.cpu ? ['taskset', ['-c', opts.cpu, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const child = spawn(cmd as string, args as string[], {
    cwd: serverDir,
    // The database and bus are the caller's choice only: never one inherited from the environment.
    env: { ...process.env, PARTA_DEMO: '0', LOG_LEVEL: 'warn', PORT: '0', DATABASE_URL: '', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const lineWaiters = new Set<(line: string) => void>();
  let buffered = '';
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) for (const w of [...lineWaiters]) w(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const nextLine = (prefix: string, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        lineWaiters.delete(check);
        reject(new Error(`server did not print ${prefix} in ${timeoutMs} ms:\n${out}`));
      }, timeoutMs);
      const onExit = () => {
        clearTimeout(timer);
        lineWaiters.delete(check);
        reject(new Error(`server exited before ${prefix}:\n${out}`));
      };
      const check = (line: string) => {
        if (!line.startsWith(prefix)) return;
        clearTimeout(timer);
        lineWaiters.delete(check);
        child.off('exit', onExit);
        resolve(line.slice(prefix.length).trim());
      };
      lineWaiters.add(check);
      child.once('exit', onExit);
    });
  const url = await nextLine('PARTA_LISTENING ', opts.timeoutMs ?? 120_000);
  return {
    child,
    url,
    output: () => out,
    countMessages: async () => {
      const line = nextLine('PARTA_MESSAGES ', 30_000);
      child.kill('SIGUSR2');
      return Number(await line);
    },
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
