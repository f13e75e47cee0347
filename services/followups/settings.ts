import { FollowupRules, FollowupScripts, type FollowupSettings } from '../../shared/contract/followups';
import { onlyEdited, scriptsWithDefaults } from '../../shared/followup-script';
import type { DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';

function readJson(db: DB, key: string): unknown {
  const raw = branchQueries(db).setting(key);
  return raw === null ? null : JSON.parse(raw);
}

const parsedRules = new WeakMap<DB, { raw: string; rules: FollowupRules }>();

/**
 * The follow-up rules in force (the migration stores the defaults). Every sale asks for them, so
 * the parsed rules are kept until the stored text changes.
 */
export function followupRules(db: DB): FollowupRules {
  const raw = branchQueries(db).setting('followup_rules') ?? 'null';
  const cached = parsedRules.get(db);
  if (cached?.raw === raw) return cached.rules;
  const rules = FollowupRules.parse(JSON.parse(raw));
  parsedRules.set(db, { raw, rules });
  return rules;
}

export function followupScripts(db: DB): FollowupScripts {
  return scriptsWithDefaults(FollowupScripts.partial().nullable().parse(readJson(db, 'followup_scripts')));
}

export function followupSettings(db: DB): FollowupSettings {
  return { rules: followupRules(db), scripts: followupScripts(db) };
}

export function saveFollowupSettings(db: DB, settings: FollowupSettings): void {
  const b = branchQueries(db);
  b.setSetting('followup_rules', JSON.stringify(settings.rules));
  // The page sends every script; only those the store changed are kept as its own.
  b.setSetting('followup_scripts', JSON.stringify(onlyEdited(settings.scripts)));
}
