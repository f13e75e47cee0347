import { duplicateKeys, type DuplicateBasis } from '../../shared/import/duplicates';
import { cleanMemberRow } from '../../shared/import/rows';
import type { MemberValues } from '../../shared/import/clean';
import type { CleanContext } from '../../shared/import/cleaning';
import type { DB } from '../../db/connection';
import type { StagedRow } from '../../db/queries/import/imports';
import { importLookups, type KnownMember } from '../../db/queries/import/lookups';
import { countRow, countSteps, stagedRow, type DuplicateNote, type Tally } from './staging';

/** A member row's cleaned values as staged (the phone as E.164). */
export type StagedMember = Omit<Partial<MemberValues>, 'phone'> & { phone?: string };

/**
 * Decides each row of a members file in turn: refused, a new member, an update of one already in
 * the store, or left out; and the pair it makes with an earlier row or a member (duplicates.ts).
 * The same phone or card is the same person: a row repeating an earlier row's is left out (the
 * earlier one is imported), one matching a member updates them unless the manager says skip. The
 * same name and birthday is only possible: a new member unless the manager says otherwise.
 */
export function memberPreviewer(
  db: DB,
  importId: string,
  headers: readonly string[],
  mapping: readonly (string | null)[],
  context: CleanContext,
  tally: Tally,
) {
  const lookups = importLookups(db);
  const firstWith = new Map<string, number>();
  return (row: number, cells: readonly string[]): StagedRow => {
    const cleaned = cleanMemberRow(mapping, headers, cells, context);
    countSteps(tally, cleaned.steps);
    const v = cleaned.values;
    const values: StagedMember = { ...v, phone: v.phone?.e164 };
    const problems = [...cleaned.problems];
    if (problems.length > 0) return counted(stagedRow(importId, row, cells, { action: 'invalid', values, problems, steps: cleaned.steps }));

    // Within the file: the first row with each key.
    const keys = duplicateKeys({ phone: values.phone, cardNo: v.cardNo, name: v.name, birthday: v.birthday });
    const earlier = new Map<number, DuplicateBasis[]>();
    for (const { basis, key } of keys) {
      const first = firstWith.get(`${basis}:${key}`);
      if (first === undefined) firstWith.set(`${basis}:${key}`, row);
      else earlier.set(first, [...(earlier.get(first) ?? []), basis]);
    }
    const [earlierRow, earlierBases] = [...earlier.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [null, []];
    if (earlierRow !== null && earlierBases.some((b) => b !== 'nameBirthday')) {
      const duplicate: DuplicateNote = {
        bases: earlierBases,
        certain: true,
        other: { kind: 'row', row: earlierRow },
        choice: 'skip',
        choices: ['skip'],
      };
      return counted(stagedRow(importId, row, cells, { action: 'skip', values, steps: cleaned.steps, duplicate }));
    }

    // Against the store: the phone and the card are each one member's.
    const byPhone = values.phone ? lookups.byPhone(values.phone) : null;
    const byCard = v.cardNo ? lookups.byCard(v.cardNo) : null;
    if (byPhone && byCard && byPhone.id !== byCard.id) {
      problems.push({ column: headerOf(headers, mapping, 'cardNo'), value: v.cardNo ?? '', reason: 'card.taken', limit: null });
      return counted(stagedRow(importId, row, cells, { action: 'invalid', values, problems, steps: cleaned.steps }));
    }
    const certain = byPhone ?? byCard;
    if (certain) {
      const bases: DuplicateBasis[] = [...(byPhone ? (['phone'] as const) : []), ...(byCard ? (['cardNo'] as const) : [])];
      const duplicate: DuplicateNote = {
        bases,
        certain: true,
        other: { kind: 'member', memberId: certain.id },
        choice: 'update',
        choices: ['update', 'skip'],
      };
      return counted(stagedRow(importId, row, cells, { action: 'update', values, memberId: certain.id, steps: cleaned.steps, duplicate }));
    }
    const possible: KnownMember | null = v.name && v.birthday ? lookups.byNameBirthday(v.name, v.birthday) : null;
    let duplicate: DuplicateNote | null = null;
    if (possible) {
      duplicate = {
        bases: ['nameBirthday'],
        certain: false,
        other: { kind: 'member', memberId: possible.id },
        choice: 'create',
        choices: ['create', 'update', 'skip'],
      };
    } else if (earlierRow !== null) {
      duplicate = {
        bases: earlierBases,
        certain: false,
        other: { kind: 'row', row: earlierRow },
        choice: 'create',
        choices: ['create', 'skip'],
      };
    }
    const staged = stagedRow(importId, row, cells, {
      action: 'create',
      values,
      memberId: possible?.id ?? null,
      steps: cleaned.steps,
      duplicate,
    });
    return counted(staged);
  };

  function counted(staged: StagedRow): StagedRow {
    countRow(tally, staged);
    if (staged.action === 'invalid') return staged;
    const values = JSON.parse(staged.values_json ?? '{}') as StagedMember;
    if (values.storedValue) {
      tally.notices.storedValueRows += 1;
      tally.notices.storedValueFen += values.storedValue;
    }
    if (staged.action === 'create' && values.points) {
      tally.notices.pointsRows += 1;
      tally.notices.points += values.points;
    }
    if (values.tier && !lookups.tierIdByName(values.tier)) tally.unknownTiers.add(values.tier);
    return staged;
  }
}

function headerOf(headers: readonly string[], mapping: readonly (string | null)[], field: string): string | null {
  const column = mapping.indexOf(field);
  return column < 0 ? null : (headers[column] ?? null);
}
