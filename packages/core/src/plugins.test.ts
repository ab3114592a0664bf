import { describe, expect, it, vi } from 'vitest';
import { createPluginPipeline } from './plugins';

const event = { type: 3, data: { source: 2 }, timestamp: 1 };

describe('plugin pipeline', () => {
  it('runs processEvent hooks in order, each on the previous result', () => {
    const pipeline = createPluginPipeline(vi.fn());
    const seen: string[] = [];
    pipeline.use({ name: 'a@1', processEvent: (e) => (seen.push('a'), { ...e, timestamp: 2 }) });
    pipeline.use({ name: 'b@1', processEvent: (e) => (seen.push(`b:${e.timestamp}`), e) });
    expect(pipeline.process(event)?.timestamp).toBe(2);
    expect(seen).toEqual(['a', 'b:2']);
  });

  it('drops the event when a plugin returns null, and later plugins never see it', () => {
    const pipeline = createPluginPipeline(vi.fn());
    const later = vi.fn((e) => e);
    pipeline.use({ name: 'drop@1', processEvent: () => null });
    pipeline.use({ name: 'later@1', processEvent: later });
    expect(pipeline.process(event)).toBeNull();
    expect(later).not.toHaveBeenCalled();
  });

  it('drops the event and reports when a plugin throws (fail closed)', () => {
    const report = vi.fn();
    const pipeline = createPluginPipeline(report);
    pipeline.use({ name: 'broken@1', processEvent: () => { throw new Error('plugin bug'); } });
    expect(pipeline.process(event)).toBeNull();
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ message: 'plugin bug' }));
  });

  it('ignores a second plugin with the same name and removes a plugin with its unsubscribe', () => {
    const pipeline = createPluginPipeline(vi.fn());
    const first = vi.fn((e) => e);
    const second = vi.fn((e) => e);
    const remove = pipeline.use({ name: 'same@1', processEvent: first });
    pipeline.use({ name: 'same@1', processEvent: second });
    pipeline.process(event);
    remove();
    pipeline.process(event);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
  });

  it('isolates lifecycle hook failures', () => {
    const report = vi.fn();
    const pipeline = createPluginPipeline(report);
    const onStop = vi.fn();
    pipeline.use({ name: 'bad@1', onStop: () => { throw new Error('stop failed'); } });
    pipeline.use({ name: 'good@1', onStop });
    pipeline.notify('onStop');
    expect(onStop).toHaveBeenCalled();
    expect(report).toHaveBeenCalledTimes(1);
  });

  it('says whether any plugin can change events', () => {
    const pipeline = createPluginPipeline(vi.fn());
    const remove = pipeline.use({ name: 'lifecycle-only@1', onStart: () => {} });
    expect(pipeline.changesEvents).toBe(false);
    const removeProcessor = pipeline.use({ name: 'processor@1', processEvent: (e) => e });
    expect(pipeline.changesEvents).toBe(true);
    removeProcessor();
    remove();
    expect(pipeline.changesEvents).toBe(false);
  });

  it('requires a name', () => {
    expect(() => createPluginPipeline(vi.fn()).use({} as never)).toThrow(/non-empty "name"/);
  });
});
