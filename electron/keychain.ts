import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { StoreKey } from '../db/cipher-file';
import type { EncryptionStatus } from '../shared/contract/encryption';
import type { Envelope } from '../shared/errors';

// The desktop app may keep the store's passphrase on this PC, where the user ticks 在本机记住密码
// at the unlock screen (docs/encryption.md): sealed by the OS keychain (Electron's safeStorage:
// DPAPI on Windows, the Keychain on macOS, libsecret on Linux) into one file beside the database's
// folder, readable only by this user. Never in clear: where the OS has no keychain nothing is kept.
// Electron's safeStorage is handed in (electron/main.ts), so this runs and is tested under plain Node.

/** The file, in app.getPath('userData'). */
export const STORE_KEY_FILE = 'store-key.bin';

/** What the OS keychain does for us: safeStorage's calls. */
export interface Sealer {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux: which secret store seals; 'basic_text' is a password built into Chromium, no keychain at all. */
  getSelectedStorageBackend?(): string;
}

export class Keychain {
  constructor(
    private readonly path: string,
    private readonly sealer: Sealer,
  ) {}

  available(): boolean {
    try {
      return this.sealer.isEncryptionAvailable() && this.sealer.getSelectedStorageBackend?.() !== 'basic_text';
    } catch {
      return false;
    }
  }

  remembered(): boolean {
    return existsSync(this.path);
  }

  /** Keeps the passphrase sealed; false (nothing written) where the OS has no keychain. */
  remember(key: StoreKey): boolean {
    if (!this.available()) return false;
    const sealed = this.sealer.encryptString(key.passphrase);
    // Written beside it and renamed: a crash leaves the old file or the new, never half of one.
    const temporary = `${this.path}.tmp`;
    rmSync(temporary, { force: true });
    writeFileSync(temporary, sealed, { mode: 0o600 });
    renameSync(temporary, this.path);
    return true;
  }

  /**
   * The passphrase kept, or null: none kept, no keychain now, or a file the keychain cannot open
   * (another user's, a PC restored from a backup), which is removed since it opens nothing.
   */
  recall(): StoreKey | null {
    if (!this.remembered() || !this.available()) return null;
    try {
      const passphrase = this.sealer.decryptString(readFileSync(this.path));
      if (passphrase) return { passphrase };
    } catch {
      // falls through: useless, forgotten
    }
    this.forget();
    return null;
  }

  forget(): void {
    rmSync(this.path, { force: true });
  }

  /** The status as the services answered it, with what this PC's keychain does (the services cannot know). */
  overlay(status: EncryptionStatus): EncryptionStatus {
    return { ...status, keychain: { available: this.available(), remembered: this.remembered() } };
  }
}

type Call = (method: string, input: unknown, session: string | null) => Promise<Envelope<unknown>>;

/**
 * The IPC transport's calls with the keychain's part added: an unlock that asked to remember
 * (and opened the store) keeps the passphrase, a forget that the services allowed (an admin's)
 * removes it, a change of passphrase keeps the new one where the old was kept, and every encryption.* status says what the keychain does.
 */
export function withKeychain(call: Call, keychain: Keychain, log: (line: string) => void = console.error): Call {
  return async (method, input, session) => {
    const answer = await call(method, input, session);
    if (!answer.ok || !method.startsWith('encryption.')) return answer;
    try {
      if (method === 'encryption.unlock' && rememberAsked(input)) keychain.remember({ passphrase: input.passphrase });
      if (method === 'encryption.forget') keychain.forget();
      // A change of passphrase the services started: a keychain that kept the old one keeps the new,
      // or the next start would find it wrong. (A rewrite that then fails leaves the old key on the
      // file: that start finds the kept one wrong, forgets it and asks, as after any wrong one.)
      if (method === 'encryption.changePassphrase' && keychain.remembered() && nextPassphrase(input)) {
        keychain.remember({ passphrase: input.next });
      }
    } catch (err) {
      // The store is open all the same; the next start asks again. (The error names a path, never the passphrase.)
      log(`[keychain] ${method}: ${err instanceof Error ? err.message : 'failed'}`);
    }
    return { ok: true, result: keychain.overlay(answer.result as EncryptionStatus) };
  };
}

function rememberAsked(input: unknown): input is { passphrase: string; remember: true } {
  const fields = input as { passphrase?: unknown; remember?: unknown } | null;
  return typeof fields?.passphrase === 'string' && fields.remember === true;
}

function nextPassphrase(input: unknown): input is { next: string } {
  return typeof (input as { next?: unknown } | null)?.next === 'string';
}
