import type { Envelope } from '../../shared/errors';

/** How the renderer reaches the services; picked once at start-up, invisible to components. */
export interface Transport {
  invoke(method: string, input: unknown, session: string | null): Promise<Envelope<unknown>>;
}

/** What the Electron preload exposes, and nothing more. */
export interface PreloadApi {
  invoke(method: string, input: unknown, session: string | null): Promise<Envelope<unknown>>;
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

function httpTransport(): Transport {
  const token = bridgeToken();
  return {
    async invoke(method, input, session) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
      if (session) headers['X-Session'] = session;
      try {
        const res = await fetch(`/rpc/${encodeURIComponent(method)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
        return (await res.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'network', details: { network: true } } };
      }
    },
  };
}

function ipcTransport(api: PreloadApi): Transport {
  return { invoke: (method, input, session) => api.invoke(method, input, session) };
}

export function pickTransport(): Transport {
  return window.api ? ipcTransport(window.api) : httpTransport();
}
