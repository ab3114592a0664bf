import type { RunningExample } from './localServer.mjs';

export declare const INGEST_PATH: string;
export declare function startBuiltApp(options: { dir: string; name: string; port?: number; viewerPort?: number; host?: string }): Promise<RunningExample>;
