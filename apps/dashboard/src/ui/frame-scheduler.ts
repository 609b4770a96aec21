// Coalesces renders: however many updates arrive between two frames, the view renders once
// per animation frame, so a burst of progress events never freezes the page.
export interface FrameScheduler {
  /** asks for a render on the next frame (no-op when one is pending) */
  schedule(): void;
  /** drops a pending render */
  cancel(): void;
  readonly pending: boolean;
}

export function createFrameScheduler(
  render: () => void,
  requestFrame: (callback: () => void) => number = (cb) => requestAnimationFrame(cb),
  cancelFrame: (handle: number) => void = (handle) => cancelAnimationFrame(handle),
): FrameScheduler {
  let handle: number | null = null;
  return {
    schedule() {
      if (handle !== null) return;
      handle = requestFrame(() => {
        handle = null;
        render();
      });
    },
    cancel() {
      if (handle !== null) cancelFrame(handle);
      handle = null;
    },
    get pending() {
      return handle !== null;
    },
  };
}
