import type { TFunction } from 'i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/contract/encryption';

/** A new passphrase typed twice, as the enable and change dialogs and the setup screen hold it. */
export interface NewPassphrase {
  passphrase: string;
  again: string;
}

export const EMPTY_PASSPHRASE: NewPassphrase = { passphrase: '', again: '' };

/**
 * What is wrong with it, said under each field, or nothing: too short (the contract's minimum,
 * shown once something is typed), the second not the same (once the second is typed). Checked
 * here so a mistyped passphrase never reaches the services, where it would become the store's.
 */
export function newPassphraseProblems(t: TFunction, value: NewPassphrase): { passphrase?: string; again?: string } {
  const problems: { passphrase?: string; again?: string } = {};
  if (value.passphrase !== '' && value.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    problems.passphrase = t('encryption.fields.tooShort', { min: MIN_PASSPHRASE_LENGTH });
  }
  if (value.again !== '' && value.again !== value.passphrase) problems.again = t('encryption.fields.mismatch');
  return problems;
}

/** Whether it may be sent: long enough and typed the same twice. */
export function newPassphraseReady(value: NewPassphrase): boolean {
  return value.passphrase.length >= MIN_PASSPHRASE_LENGTH && value.again === value.passphrase;
}
