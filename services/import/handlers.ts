import { AppError, validationError } from '../../shared/errors';
import type { importContract, ImportSession } from '../../shared/contract/import';
import type { OutputOf } from '../../shared/contract/index';
import type { DB } from '../../db/connection';
import { importQueries, type StagedRow } from '../../db/queries/import/imports';
import { importLookups, type KnownMember } from '../../db/queries/import/lookups';
import { consentQueries } from '../../db/queries/privacy/consent';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { queueJob } from '../core/jobs/queue';
import { requestInCall } from '../backup/requests';
import { maskPhone } from '../../shared/phone';
import { openImport, rememberMapping } from './open';
import { previewImport } from './preview';
import { requireImport, requireState, sessionOf, sessionView } from './session';
import type { DuplicateNote } from './staging';
import type { ImportOptions } from './jobs';
import type { RowProblem, RowStep } from '../../shared/import/rows';
import type { StagedMember } from './member-preview';

type Problem = OutputOf<'import.problems'>['items'][number];

// The reasons were written by the preview from the same lists the contract's enum is made of.
const problemsOf = (row: StagedRow): Problem[] =>
  (JSON.parse(row.problems_json ?? '[]') as RowProblem[]).map((p) => ({ row: row.row, ...p }) as Problem);

function fileSide(row: StagedRow) {
  const v = JSON.parse(row.values_json ?? '{}') as StagedMember;
  return {
    row: row.row,
    name: v.name ?? null,
    phone: v.phone ?? null,
    cardNo: v.cardNo ?? null,
    birthday: v.birthday ?? null,
    points: v.points ?? null,
  };
}

function memberSide(m: KnownMember) {
  return {
    memberId: m.id,
    name: m.name,
    phone: maskPhone(m.phone),
    cardNo: m.card_no,
    birthday: m.birthday,
    pointsBalance: m.points_balance,
    createdAt: m.created_at,
  };
}

/** Counts of what the import does, after a choice moved rows between create, update and skip. */
function recount(db: DB, id: string, session: ImportSession): string | null {
  if (!session.counts) return null;
  const counts = { ...session.counts, create: 0, update: 0, skip: 0 };
  for (const { action, n } of importQueries(db).actionCounts(id)) if (action !== 'invalid') counts[action] = n;
  return JSON.stringify(counts);
}

/** The opening points a row brings if it creates a member (only a new member gets them). */
function openingPoints(row: StagedRow, action: StagedRow['action']): number {
  return action === 'create' ? ((JSON.parse(row.values_json ?? '{}') as StagedMember).points ?? 0) : 0;
}

/** Sets a duplicate row's choice; answers how its opening points change the preview's total. */
function choose(db: DB, id: string, row: StagedRow, choice: DuplicateNote['choice']): number {
  const note = JSON.parse(row.duplicate_json ?? 'null') as DuplicateNote | null;
  if (!note) throw new AppError('NOT_FOUND', 'That row is not a duplicate', { entity: 'import_row', id: String(row.row) });
  if (!note.choices.includes(choice))
    throw validationError([{ field: 'choice', rule: 'choice_not_allowed', params: { choices: note.choices.join(',') } }]);
  if (choice === 'update' && note.other.kind !== 'member') throw validationError([{ field: 'choice', rule: 'choice_not_allowed' }]);
  // An update's member is the one the preview kept in member_id (the possible duplicate's).
  importQueries(db).setAction({ import_id: id, row: row.row, action: choice, duplicate_json: JSON.stringify({ ...note, choice }) });
  return openingPoints(row, choice) - openingPoints(row, row.action);
}

export const importHandlers = {
  'import.open': (db, ctx, input) => openImport(db, ctx, input),
  'import.preview': (db, ctx, input) => previewImport(db, ctx, input),
  'import.get': (db, _ctx, input) => sessionOf(db, input.id),
  'import.list': (db, _ctx, input) => {
    const q = importQueries(db);
    return {
      items: q.page(input.limit, input.offset).map((row) => {
        const { sample: _s, cleaning: _c, ...rest } = sessionView(row);
        return rest;
      }),
      total: q.count(),
    };
  },
  'import.problems': (db, _ctx, input) => {
    requireImport(db, input.id);
    const q = importQueries(db);
    return {
      items: q.problems(input.id, input.limit, input.offset).flatMap(problemsOf),
      total: q.problemCount(input.id),
    };
  },
  'import.steps': (db, _ctx, input) => {
    const session = sessionOf(db, input.id);
    const q = importQueries(db);
    const items: Array<RowStep & { row: number }> = [];
    let skip = input.offset;
    let after = 0;
    for (;;) {
      const rows = q.rowsWithSteps(input.id, after, 500);
      for (const row of rows) {
        for (const step of JSON.parse(row.steps_json ?? '[]') as RowStep[]) {
          if (input.rule && step.rule !== input.rule) continue;
          if (skip > 0) skip -= 1;
          else if (items.length < input.limit) items.push({ row: row.row, ...step });
        }
      }
      if (rows.length < 500 || items.length >= input.limit) break;
      after = rows[rows.length - 1].row;
    }
    const total = session.cleaning.filter((c) => !input.rule || c.rule === input.rule).reduce((sum, c) => sum + c.count, 0);
    return { items, total };
  },
  'import.duplicates': (db, _ctx, input) => {
    requireImport(db, input.id);
    const q = importQueries(db);
    const lookups = importLookups(db);
    const items = q.duplicates(input.id, input.limit, input.offset).flatMap((row) => {
      const note = JSON.parse(row.duplicate_json ?? 'null') as DuplicateNote;
      const other = note.other.kind === 'member' ? lookups.byId(note.other.memberId) : q.rowAt(input.id, note.other.row);
      if (!other) return [];
      return [
        {
          row: row.row,
          bases: note.bases as Array<'phone' | 'cardNo' | 'nameBirthday'>,
          certain: note.certain,
          file: fileSide(row),
          other:
            note.other.kind === 'member'
              ? { kind: 'member' as const, member: memberSide(other as KnownMember) }
              : { kind: 'row' as const, row: fileSide(other as StagedRow) },
          choice: note.choice,
          choices: note.choices,
        },
      ];
    });
    return { items, total: q.duplicateCount(input.id) };
  },
  'import.choose': (db, ctx, input) => {
    const record = requireImport(db, input.id);
    requireState(record, ['previewed']);
    const q = importQueries(db);
    const points = { rows: 0, points: 0 };
    const chosen = (row: StagedRow) => {
      const delta = choose(db, input.id, row, input.choice);
      points.points += delta;
      points.rows += Math.sign(delta);
    };
    if (input.row !== undefined) {
      const row = q.rowAt(input.id, input.row);
      if (!row) throw new AppError('NOT_FOUND', 'No such row', { entity: 'import_row', id: String(input.row) });
      chosen(row);
    } else {
      for (const row of q.possibleDuplicates(input.id)) {
        const note = JSON.parse(row.duplicate_json ?? 'null') as DuplicateNote;
        if (note.choices.includes(input.choice) && !(input.choice === 'update' && note.other.kind !== 'member')) chosen(row);
      }
    }
    const session = sessionView(record);
    const counts = recount(db, input.id, session);
    // Only a new member gets opening points: the notice's total follows the choices.
    const notices = session.notices && {
      ...session.notices,
      pointsRows: session.notices.pointsRows + points.rows,
      points: session.notices.points + points.points,
    };
    q.save({ ...record, counts_json: counts, notices_json: notices && JSON.stringify(notices), updated_at: ctx.now });
    writeAudit(ctx, {
      action: 'import.choose',
      entity: 'import',
      entityId: input.id,
      after: { row: input.row ?? 'possible', choice: input.choice },
    });
    return sessionOf(db, input.id);
  },
  'import.rejected': (db, _ctx, input) => {
    const record = requireImport(db, input.id);
    const file = JSON.parse(record.file_json) as { headers: string[] };
    return {
      headers: file.headers,
      rows: importQueries(db)
        .rejectedRows(input.id)
        .map((row) => ({ row: row.row, cells: JSON.parse(row.cells_json) as string[], problems: problemsOf(row) })),
    };
  },
  'import.start': (db, ctx, input) => {
    const record = requireImport(db, input.id);
    requireState(record, ['previewed']);
    if (record.kind === 'members' && !input.consentDeclared) {
      throw validationError([{ field: 'consentDeclared', rule: 'consent_required' }]);
    }
    const session = sessionView(record);
    if (!session.counts || session.counts.create + session.counts.update === 0) {
      throw new AppError('CONFLICT', 'The file has nothing to import', { reason: 'nothing_to_import' });
    }
    const options: ImportOptions = { tiers: input.tiers, historyPoints: record.kind === 'sales' && input.historyPoints };
    // The notice in force as the manager declares: the consent rows the job writes name it (docs/import.md).
    const noticeVersion = record.kind === 'members' ? (consentQueries(db).currentNotice()?.version ?? null) : null;
    const jobId = queueJob(db, ctx, record.kind === 'members' ? 'import.members' : 'import.sales', { importId: record.id });
    // The store as it was before the import, taken by the side host before the job writes a row
    // (a database in memory has no file to copy).
    const backup = db.memory ? null : requestInCall(ctx, 'import', record.id).row;
    rememberMapping(db, record.kind, session.file.headers, session.mapping);
    importQueries(db).save({
      ...record,
      state: 'importing',
      options_json: JSON.stringify(record.kind === 'members' ? { ...options, noticeVersion } : options),
      job_id: jobId,
      consent_by: record.kind === 'members' ? (ctx.caller?.id ?? null) : null,
      consent_at: record.kind === 'members' ? ctx.now : null,
      updated_at: ctx.now,
    });
    writeAudit(ctx, {
      action: 'import.start',
      entity: 'import',
      entityId: record.id,
      after: {
        kind: record.kind,
        fileName: record.file_name,
        counts: session.counts,
        options,
        backupId: backup?.id ?? null,
        // The manager's word that the file's customers agreed to their data being kept: who, when, which file.
        ...(record.kind === 'members'
          ? { consentDeclared: { by: ctx.caller?.id ?? null, at: ctx.now, fileName: record.file_name, noticeVersion } }
          : {}),
      },
    });
    return sessionOf(db, record.id);
  },
  'import.cancel': (db, ctx, input) => {
    const record = requireImport(db, input.id);
    requireState(record, ['opened', 'previewing', 'previewed', 'failed', 'importing']);
    const q = importQueries(db);
    if (record.state === 'importing') {
      const options = { ...(JSON.parse(record.options_json ?? '{}') as ImportOptions), undo: true };
      // Its job failed half-way: a new one undoes what it wrote.
      const open = record.job_state === 'queued' || record.job_state === 'running';
      const jobId = open
        ? record.job_id
        : queueJob(db, ctx, record.kind === 'members' ? 'import.members' : 'import.sales', { importId: record.id });
      q.save({ ...record, options_json: JSON.stringify(options), job_id: jobId, updated_at: ctx.now });
    } else {
      q.save({ ...record, state: 'cancelled', updated_at: ctx.now });
      queueJob(db, ctx, record.kind === 'members' ? 'import.members' : 'import.sales', { importId: record.id });
    }
    writeAudit(ctx, { action: 'import.cancel', entity: 'import', entityId: record.id, before: { state: record.state } });
    return sessionOf(db, record.id);
  },
} satisfies DomainHandlers<typeof importContract>;
