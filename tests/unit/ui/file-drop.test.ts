import { describe, expect, it, vi } from 'vitest';
import { carriesFiles, listenForFileDrops, type FileDropHandlers } from '../../../src/ui/file-drop';

/** The four drag events the page listens to. */
type DragType = 'dragenter' | 'dragover' | 'dragleave' | 'drop';

interface Registration {
  readonly type: string;
  readonly listener: EventListenerOrEventListenerObject;
  readonly capture: boolean;
}

/** A document stand-in (the tests run in Node, without a DOM) that keeps its listeners. */
class FakeTarget {
  readonly registrations: Registration[] = [];

  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
    this.registrations.push({ type, listener, capture: captureOf(options) });
  }

  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void {
    const capture = captureOf(options);
    const index = this.registrations.findIndex((entry) => entry.type === type && entry.listener === listener && entry.capture === capture);
    if (index >= 0) this.registrations.splice(index, 1);
  }

  dispatch(type: DragType, event: FakeDragEvent): void {
    for (const { listener } of this.registrations.filter((entry) => entry.type === type)) {
      const asEvent = event as unknown as Event;
      if (typeof listener === 'function') listener(asEvent);
      else listener.handleEvent(asEvent);
    }
  }
}

function captureOf(options: boolean | EventListenerOptions | undefined): boolean {
  return typeof options === 'boolean' ? options : (options?.capture ?? false);
}

interface FakeDragEvent {
  readonly dataTransfer: { types: string[]; files: File[]; dropEffect: string } | null;
  readonly preventDefault: ReturnType<typeof vi.fn<() => void>>;
  readonly stopPropagation: ReturnType<typeof vi.fn<() => void>>;
}

const FILE = new File(['PYTHON a {\n    x = 1\n}\n'], 'dropped.tars');

function fileDrag(files: File[] = [FILE]): FakeDragEvent {
  return { dataTransfer: { types: ['Files'], files, dropEffect: '' }, preventDefault: vi.fn<() => void>(), stopPropagation: vi.fn<() => void>() };
}

function textDrag(): FakeDragEvent {
  return { dataTransfer: { types: ['text/plain', 'text/html'], files: [], dropEffect: '' }, preventDefault: vi.fn<() => void>(), stopPropagation: vi.fn<() => void>() };
}

function listen(): { target: FakeTarget; dragging: boolean[]; files: File[]; stop: () => void } {
  const target = new FakeTarget();
  const dragging: boolean[] = [];
  const files: File[] = [];
  const handlers: FileDropHandlers = {
    onDragging: (value) => dragging.push(value),
    onFile: (file) => files.push(file),
  };
  const stop = listenForFileDrops(target, handlers);
  return { target, dragging, files, stop };
}

function dataTransferOf(types: string[]): DataTransfer {
  return { types, files: [], dropEffect: 'none' } as unknown as DataTransfer;
}

describe('carriesFiles', () => {
  it('is true only for drags whose types include Files', () => {
    expect(carriesFiles(dataTransferOf(['Files']))).toBe(true);
    expect(carriesFiles(dataTransferOf(['text/uri-list', 'Files']))).toBe(true);
    expect(carriesFiles(dataTransferOf(['text/plain']))).toBe(false);
    expect(carriesFiles(dataTransferOf(['files']))).toBe(false);
    expect(carriesFiles(dataTransferOf([]))).toBe(false);
    expect(carriesFiles(null)).toBe(false);
  });
});

describe('listenForFileDrops', () => {
  it('listens for the four drag events in the capture phase', () => {
    const { target } = listen();
    expect(target.registrations.map(({ type, capture }) => [type, capture])).toEqual([
      ['dragenter', true],
      ['dragover', true],
      ['dragleave', true],
      ['drop', true],
    ]);
  });

  it('stays dragging until every entered element has been left', () => {
    const { target, dragging } = listen();
    const enter = fileDrag();
    target.dispatch('dragenter', enter);
    target.dispatch('dragenter', fileDrag());
    expect(enter.preventDefault).toHaveBeenCalledOnce();
    target.dispatch('dragleave', fileDrag());
    expect(dragging).toEqual([true, true]);
    target.dispatch('dragleave', fileDrag());
    expect(dragging).toEqual([true, true, false]);
  });

  it('does not count more leaves than enters', () => {
    const { target, dragging } = listen();
    target.dispatch('dragleave', fileDrag());
    target.dispatch('dragleave', fileDrag());
    target.dispatch('dragenter', fileDrag());
    target.dispatch('dragleave', fileDrag());
    expect(dragging).toEqual([false, false, true, false]);
  });

  it('lets a file be dropped by preventing the default of dragover, offering a copy', () => {
    const { target, dragging } = listen();
    const over = fileDrag();
    target.dispatch('dragover', over);
    expect(over.preventDefault).toHaveBeenCalledOnce();
    expect(over.dataTransfer?.dropEffect).toBe('copy');
    expect(dragging).toEqual([]);
  });

  it('leaves drags of text alone', () => {
    const { target, dragging, files } = listen();
    const events = { dragenter: textDrag(), dragover: textDrag(), dragleave: textDrag(), drop: textDrag() };
    for (const [type, event] of Object.entries(events) as [DragType, FakeDragEvent][]) target.dispatch(type, event);
    for (const event of Object.values(events)) {
      expect(event.preventDefault).not.toHaveBeenCalled();
      expect(event.stopPropagation).not.toHaveBeenCalled();
    }
    expect(events.dragover.dataTransfer?.dropEffect).toBe('');
    expect(dragging).toEqual([]);
    expect(files).toEqual([]);
  });

  it('ignores events without data', () => {
    const { target, dragging } = listen();
    const bare: FakeDragEvent = { dataTransfer: null, preventDefault: vi.fn<() => void>(), stopPropagation: vi.fn<() => void>() };
    target.dispatch('dragenter', bare);
    target.dispatch('drop', bare);
    expect(bare.preventDefault).not.toHaveBeenCalled();
    expect(dragging).toEqual([]);
  });

  it('opens the first dropped file, keeping the drop from the page and the editors', () => {
    const { target, dragging, files } = listen();
    const second = new File(['x'], 'second.md');
    target.dispatch('dragenter', fileDrag());
    const drop = fileDrag([FILE, second]);
    target.dispatch('drop', drop);
    expect(files).toEqual([FILE]);
    expect(drop.preventDefault).toHaveBeenCalledOnce();
    expect(drop.stopPropagation).toHaveBeenCalledOnce();
    expect(dragging).toEqual([true, false]);
  });

  it('ends the drag on a drop, however many elements were entered', () => {
    const { target, dragging } = listen();
    target.dispatch('dragenter', fileDrag());
    target.dispatch('dragenter', fileDrag());
    target.dispatch('drop', fileDrag());
    target.dispatch('dragenter', fileDrag());
    target.dispatch('dragleave', fileDrag());
    expect(dragging).toEqual([true, true, false, true, false]);
  });

  it('ends the drag but opens nothing when a file drop holds no file', () => {
    const { target, dragging, files } = listen();
    target.dispatch('drop', fileDrag([]));
    expect(dragging).toEqual([false]);
    expect(files).toEqual([]);
  });

  it('returns a function that removes all four listeners', () => {
    const { target, dragging, files, stop } = listen();
    expect(target.registrations).toHaveLength(4);
    stop();
    expect(target.registrations).toEqual([]);
    target.dispatch('dragenter', fileDrag());
    target.dispatch('drop', fileDrag());
    expect(dragging).toEqual([]);
    expect(files).toEqual([]);
  });
});
