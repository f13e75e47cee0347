import type { Envelope } from '../../shared/errors';
import { UPLOAD_NAME_HEADER, UPLOAD_PATH, type PickFilesRequest, type PickedFile, type Upload } from '../../shared/uploads';

/** How the renderer reaches the services; picked once at start-up, invisible to components. */
export interface Transport {
  invoke(method: string, input: unknown, session: string | null): Promise<Envelope<unknown>>;
  /** Stores a file the page was given (an <input type=file>) as an upload: browser mode's POST /upload. */
  upload(file: File, session: string | null): Promise<Envelope<Upload>>;
  /**
   * The desktop app's own open-file dialog, whose files main stores as uploads (the window never
   * holds their contents); null in a browser, where a page offers an <input type=file> and upload().
   */
  pickFiles: ((request: PickFilesRequest, session: string | null) => Promise<Envelope<PickedFile[]>>) | null;
}

/** What the Electron preload exposes, and nothing more. */
export interface PreloadApi {
  invoke(method: string, input: unknown, session: string | null): Promise<Envelope<unknown>>;
  pickFiles(request: PickFilesRequest, session: string | null): Promise<Envelope<PickedFile[]>>;
}

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

const TOKEN_KEY = 'branchdesk.token';

/** Browser mode: the token comes once in the URL, then lives in sessionStorage, out of sight. */
function bridgeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const NETWORK_FAILURE = { ok: false, error: { code: 'INTERNAL', message: 'network', details: { network: true } } } as const;

function httpTransport(): Transport {
  const token = bridgeToken();
  const headers = (session: string | null, more: Record<string, string>) => ({
    Authorization: `Bearer ${token}`,
    ...(session ? { 'X-Session': session } : {}),
    ...more,
  });
  return {
    async invoke(method, input, session) {
      try {
        const res = await fetch(`/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: headers(session, { 'Content-Type': 'application/json' }),
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return NETWORK_FAILURE;
      }
    },
    async upload(file, session) {
      try {
        // The File itself as the body: the browser streams it from disk, never read whole here.
        const res = await fetch(UPLOAD_PATH, {
          method: 'POST',
          headers: headers(session, { 'Content-Type': 'application/octet-stream', [UPLOAD_NAME_HEADER]: encodeURIComponent(file.name) }),
          body: file,
        });
        return (await res.json()) as Envelope<Upload>;
      } catch {
        return NETWORK_FAILURE;
      }
    },
    pickFiles: null,
  };
}

function ipcTransport(api: PreloadApi): Transport {
  return {
    invoke: (method, input, session) => api.invoke(method, input, session),
    // The desktop app's pages pick through pickFiles, which stores the files as it picks them.
    upload: async () => ({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'Pick files with the dialog', details: { reason: 'use_dialog' } },
    }),
    pickFiles: (request, session) => api.pickFiles(request, session),
  };
}

export function pickTransport(): Transport {
  return window.api ? ipcTransport(window.api) : httpTransport();
}
