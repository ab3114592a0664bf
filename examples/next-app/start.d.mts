import type { RunningExample } from '@lowlight/example-local-server';

export declare function startNextApp(options?: { port?: number; viewerPort?: number; host?: string }): Promise<RunningExample>;
