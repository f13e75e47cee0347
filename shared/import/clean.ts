/**
 * The cleaning rules of an import, one cleaner per field kind (docs/import.md "Cleaning rules"),
 * and which cleaner reads each field of a member or a sales file. Pure: the preview runs them in
 * the window, the import in the services, and both answer alike.
 */
import { cleanPhone, type CleanPhone } from './clean-phone';
import { cleanBirthday, cleanPastDate, cleanSaleTime, type SaleTime } from './clean-date';
import { cleanMoney, cleanPoints } from './clean-number';
import { cleanAddress, cleanCardNo, cleanCategory, cleanEmail, cleanName, cleanNotes, cleanReceiptNo, cleanTierName } from './clean-text';
import { cleanGender, cleanStatus, cleanTags, cleanYesNo, type Gender, type MemberFileStatus } from './clean-words';
import { refused, type CleanContext, type Cleaned, type ImportCell } from './cleaning';
import { MEMBER_FIELD_DEFINITIONS, type FieldDefinition, type MemberField } from './columns';
import { SALE_FIELD_DEFINITIONS, type SaleField } from './sale-columns';

export * from './cleaning';
export * from './clean-phone';
export * from './clean-date';
export * from './clean-number';
export * from './clean-text';
export * from './clean-words';

/** What each member field cleans to. */
export interface MemberValues {
  name: string;
  phone: CleanPhone;
  cardNo: string;
  birthday: string;
  gender: Gender;
  points: number;
  /** fen; recognised and shown, not imported until stored value exists */
  storedValue: number;
  /** the tier's name as written */
  tier: string;
  tags: string[];
  notes: string;
  consentMarketing: boolean;
  registeredOn: string;
  email: string;
  address: string;
  status: MemberFileStatus;
}

/** What each sales field cleans to. */
export interface SaleValues {
  soldAt: SaleTime;
  /** fen */
  amount: number;
  phone: CleanPhone;
  cardNo: string;
  receiptNo: string;
  category: string;
}

type Cleaners<F extends string, V extends Record<F, unknown>> = {
  [K in F]: (cell: ImportCell, context: CleanContext) => Cleaned<V[K]>;
};

export const MEMBER_CLEANERS: Cleaners<MemberField, MemberValues> = {
  name: cleanName,
  phone: cleanPhone,
  cardNo: cleanCardNo,
  birthday: cleanBirthday,
  gender: cleanGender,
  points: cleanPoints,
  storedValue: (cell) => cleanMoney(cell),
  tier: cleanTierName,
  tags: cleanTags,
  notes: cleanNotes,
  consentMarketing: cleanYesNo,
  registeredOn: cleanPastDate,
  email: cleanEmail,
  address: cleanAddress,
  status: cleanStatus,
};

export const SALE_CLEANERS: Cleaners<SaleField, SaleValues> = {
  soldAt: cleanSaleTime,
  // A refund in a till's export is not a past purchase; refusing it shows the row rather than losing it.
  amount: (cell) => cleanMoney(cell),
  phone: cleanPhone,
  cardNo: cleanCardNo,
  receiptNo: cleanReceiptNo,
  category: cleanCategory,
};

function requiredChecked<T>(result: Cleaned<T>, definition: FieldDefinition): Cleaned<T> {
  return definition.required && result.ok && result.value === null ? refused('field.required', result.steps) : result;
}

/** One cell of a member file, cleaned as its field is; a required field left empty is refused. */
export function cleanMemberCell<F extends MemberField>(field: F, cell: ImportCell, context: CleanContext): Cleaned<MemberValues[F]> {
  return requiredChecked(MEMBER_CLEANERS[field](cell, context), MEMBER_FIELD_DEFINITIONS[field]);
}

/** One cell of a sales file, cleaned as its field is; a required field left empty is refused. */
export function cleanSaleCell<F extends SaleField>(field: F, cell: ImportCell, context: CleanContext): Cleaned<SaleValues[F]> {
  return requiredChecked(SALE_CLEANERS[field](cell, context), SALE_FIELD_DEFINITIONS[field]);
}
