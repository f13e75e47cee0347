import type { InputOf, MethodName, OutputOf } from '../../shared/contract/index';
import type { Envelope } from '../../shared/errors';
import type { PickFilesRequest, PickedFile, Upload } from '../../shared/uploads';
import { pickTransport, type Transport } from './transport';
import { ApiError } from './apiError';

// Re-exported: pages import the error with the client that throws it.
export { ApiError };

const SESSION_KEY = 'branchdesk.session';

class ApiClient {
  private session: string | null = sessionStorage.getItem(SESSION_KEY);
  constructor(private readonly transport: Transport) {}

  setSession(session: string | null): void {
    this.session = session;
    if (session) sessionStorage.setItem(SESSION_KEY, session);
    else sessionStorage.removeItem(SESSION_KEY);
  }

  hasSession(): boolean {
    return this.session !== null;
  }

  async call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
    return this.unwrap(await this.transport.invoke(method, input, this.session)) as OutputOf<M>;
  }

  /** Stores a file from an <input type=file> as an upload (renderer/api/uploads.ts). */
  async upload(file: File): Promise<Upload> {
    return this.unwrap(await this.transport.upload(file, this.session));
  }

  /** The desktop app's open-file dialog, which stores what it picks; null in a browser. */
  fileDialog(): ((request: PickFilesRequest) => Promise<PickedFile[]>) | null {
    const pick = this.transport.pickFiles;
    return pick && (async (request) => this.unwrap(await pick(request, this.session)));
  }

  private unwrap<T>(envelope: Envelope<T>): T {
    if (envelope.ok) return envelope.result;
    const { code, message, details } = envelope.error;
    if (code === 'UNAUTHENTICATED') this.onSessionLost?.();
    if (code === 'STORE_LOCKED') this.onStoreLocked?.();
    if (code === 'SESSION_LOCKED') this.onSessionLocked?.();
    throw new ApiError(code, message, details ?? {});
  }

  /** Set by the app shell: a session that ended (idle, PIN reset) sends the user to login. */
  onSessionLost: (() => void) | null = null;

  /** Set by the session lock (renderer/features/session-lock): the server locked this session, so the screen locks too. */
  onSessionLocked: (() => void) | null = null;

  /** Set by the app shell: a store that is locked (encrypted, no passphrase given) shows the unlock screen. */
  onStoreLocked: (() => void) | null = null;
}

export const api = new ApiClient(pickTransport());
