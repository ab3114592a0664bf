import type { Server } from 'node:http';
import type { Project, Stores } from '@lowlight/server';

export declare const EXAMPLE_EMAIL: string;

export interface LocalServer {
  viewerUrl: string;
  email: string;
  password: string;
  stores: Stores;
  /** The throwaway folder holding the database and the recordings. */
  data: string;
  createProject(name: string, origins: string[]): Promise<Project & { ingestUrl: string }>;
  close(): Promise<void>;
}

/** An example app served beside its local Lowlight server. */
export interface RunningExample extends LocalServer {
  appUrl: string;
  projectId: string;
}

export declare function listen(server: Server, port: number, host: string): Promise<string>;
export declare function startLocalServer(options?: { port?: number; host?: string }): Promise<LocalServer>;
export declare function printAndWait(server: LocalServer, lines: string[]): void;
