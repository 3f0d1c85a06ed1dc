// Every message that crosses a frame boundary, declared in one place.

/** Sent by the /embed/:slug page to its parent so the iframe can grow to fit. */
export interface ResizeMessage {
  type: 'factbox:resize';
  slug: string;
  height: number;
}

/**
 * WordPress's own embed protocol (wp-includes/js/wp-embed.js): the host page sends `ready` with the
 * secret it put in the iframe's #?secret=; the iframe answers `height` (clamped there to 200-1000)
 * and asks with `link` to open a URL of its own host in the top window, which a sandboxed iframe
 * (sandbox="allow-scripts": no popups, no top navigation) cannot do itself.
 */
export interface WordPressHeightMessage {
  secret: string;
  message: 'height';
  value: number;
}
export interface WordPressLinkMessage {
  secret: string;
  message: 'link';
  value: string;
}
export interface WordPressReadyMessage {
  secret: string;
  message: 'ready';
}

/** AMP's amp-iframe protocol: a `resizable` frame asks for a height (amp.dev, amp-iframe docs). */
export interface AmpEmbedSizeMessage {
  sentinel: 'amp';
  type: 'embed-size';
  height: number;
}

export function isWordPressReady(data: unknown): data is WordPressReadyMessage {
  const d = data as WordPressReadyMessage | null;
  return !!d && typeof d === 'object' && d.message === 'ready' && typeof d.secret === 'string' && /^[A-Za-z0-9]{1,64}$/.test(d.secret);
}

export const MIN_HEIGHT = 80;
export const MAX_HEIGHT = 8000;

/** A height we are willing to apply: a number, clamped to a sane range; 0 or NaN (falsy) for none. */
export function clampHeight(h: unknown): number {
  return typeof h == 'number' ? Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(h))) : 0;
}
