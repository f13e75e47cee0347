import type { InputOf, MethodName, OutputOf } from '../../shared/contract/index';
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
    const envelope = await this.transport.invoke(method, input, this.session);
    if (envelope.ok) return envelope.result as OutputOf<M>;
    const { code, message, details } = envelope.error;
    if (code === 'UNAUTHENTICATED') this.onSessionLost?.();
    throw new ApiError(code, message, details ?? {});
  }

  /** Set by the app shell: a session that ended (idle, PIN reset) sends the user to login. */
  onSessionLost: (() => void) | null = null;
}

export const api = new ApiClient(pickTransport());
