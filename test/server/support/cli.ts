import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../../packages/server/bin/lowlight-server.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `lowlight-server ARGS` to completion, with `input` on its standard input. */
export function runCli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  /** Everything the server printed, stdout and stderr. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `lowlight-server start ARGS --port 0`, resolved once it prints the line that says it accepts requests. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise<number | null>((settle) => child.on('exit', (code) => settle(code)));
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Lowlight server listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        done({
          child,
          url: match[1]!,
          output: () => output,
          async stop(signal = 'SIGTERM') {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => fail(new Error(`lowlight-server start exited with ${code}: ${output}`)));
  });
}
