/** The part of Electron's WebFrameMain the check needs (kept structural so tests run without Electron). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Only our own page may call: the renderer loaded from the app's files, in the top frame, not
 * an iframe or a page navigated elsewhere.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, rendererUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    const expected = new URL(rendererUrl);
    return url.protocol === expected.protocol && url.host === expected.host && url.pathname === expected.pathname;
  } catch {
    return false;
  }
}
