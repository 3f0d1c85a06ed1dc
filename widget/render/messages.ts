// Every message that crosses a frame boundary, declared in one place.

/** Sent by the /embed/:slug page to its parent so the iframe can grow to fit. */
export interface ResizeMessage {
  type: 'factbox:resize';
  slug: string;
  height: number;
}

/** WordPress's own embed protocol: it resizes a sandboxed iframe only on this message. */
export interface WordPressHeightMessage {
  secret: string;
  message: 'height';
  value: number;
}

export const MIN_HEIGHT = 80;
export const MAX_HEIGHT = 8000;

/** A height we are willing to apply: a finite number, clamped to a sane range. */
export function clampHeight(h: unknown): number | null {
  if (typeof h !== 'number' || !Number.isFinite(h)) return null;
  return Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(h)));
}

export function isResizeMessage(data: unknown): data is ResizeMessage {
  const d = data as ResizeMessage | null;
  return !!d && typeof d === 'object' && d.type === 'factbox:resize' && typeof d.slug === 'string';
}
