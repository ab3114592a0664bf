import type { RecordedEvent } from '@lowlight/mask';

/** What a plugin's `onStart` is told about the recording. */
export interface PluginContext {
  /** The session's id. */
  sessionId: string;
  /** The pageview's id. */
  pageviewId: string;
}

/**
 * A plugin: a plain object with a versioned name and optional hooks.
 *
 * - `processEvent` is **sequential**: plugins run in registration order, each
 *   receiving the previous one's result, after masking and before the egress
 *   guard. Return the event (changed or not), or `null` to drop it. A plugin
 *   that throws drops the event (fail closed).
 * - `onStart` and `onStop` are **parallel** lifecycle notices; their errors are
 *   reported and otherwise ignored.
 *
 * @example
 * const dropScrolls: LowlightPlugin = {
 *   name: 'acme/drop-scrolls@1',
 *   processEvent: (event) => (event.type === 3 && (event.data as { source: number }).source === 3 ? null : event),
 * };
 */
export interface LowlightPlugin {
  /** Unique, versioned name, e.g. `'acme/tag-checkout@1'`. A second plugin with the same name is ignored. */
  readonly name: string;
  /** Sequential: returns the event, changed or not, or `null` to drop it. */
  processEvent?(event: RecordedEvent): RecordedEvent | null;
  /** Parallel: recording has started. */
  onStart?(context: PluginContext): void;
  /** Parallel: recording has stopped. */
  onStop?(): void;
}

export interface PluginPipeline {
  /** Adds a plugin; returns a function that removes it. */
  use(plugin: LowlightPlugin): () => void;
  /** Runs the sequential `processEvent` hooks. */
  process(event: RecordedEvent): RecordedEvent | null;
  /** True when some plugin can change events, so what they return needs the egress guard. */
  readonly changesEvents: boolean;
  /** Runs a parallel lifecycle hook on every plugin. */
  notify<K extends 'onStart' | 'onStop'>(hook: K, ...args: Parameters<NonNullable<LowlightPlugin[K]>>): void;
}

export function createPluginPipeline(report: (error: unknown) => void): PluginPipeline {
  let plugins: LowlightPlugin[] = [];
  return {
    use(plugin) {
      if (!plugin || typeof plugin.name !== 'string' || plugin.name === '') {
        throw new Error('[lowlight] core: every entry of "plugins" needs a non-empty "name"');
      }
      if (plugins.some((existing) => existing.name === plugin.name)) return () => {};
      plugins = [...plugins, plugin];
      return () => {
        plugins = plugins.filter((existing) => existing !== plugin);
      };
    },
    process(event) {
      let current: RecordedEvent | null = event;
      for (const plugin of plugins) {
        if (!plugin.processEvent) continue;
        try {
          current = plugin.processEvent(current);
        } catch (error) {
          report(error);
          return null;
        }
        if (current === null) return null;
      }
      return current;
    },
    get changesEvents() {
      return plugins.some((plugin) => plugin.processEvent);
    },
    notify(hook, ...args) {
      for (const plugin of plugins) {
        try {
          (plugin[hook] as ((...hookArgs: unknown[]) => void) | undefined)?.(...args);
        } catch (error) {
          report(error);
        }
      }
    },
  };
}
