import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { contract, type MethodSpec } from '../shared/contract/index';
import { ROLES, roleAtLeast, type Role } from '../shared/roles';

// `npm run docs:roles`: rewrites docs/roles.md from the contract, the one place each method's
// access is declared. test/docs/roles.test.ts reads the file back and fails when a method is
// missing, gone or marked wrong, so a new method (or a changed access) is one command away.

const ROLE_HEADINGS: Record<Role, string> = { clerk: 'clerk 店员', manager: 'manager 店长', admin: 'admin 管理员' };

export function mayCall(spec: MethodSpec, role: Role): boolean {
  return spec.access === 'public' || spec.access === 'staff' || roleAtLeast(role, spec.access);
}

/** HQ refuses a write that is not HQ's own (WRONG_MODE); HQ's 职员/主管/管理员 have a clerk's/manager's/admin's rights. */
export function answeredAtHq(spec: MethodSpec): boolean {
  return spec.write === false || spec.atHq === true;
}

const HEAD = `# Who may call what: the role matrix

Generated from the contract (\`shared/contract/\`) by \`npm run docs:roles\`; do not edit the table
by hand. \`test/docs/roles.test.ts\` checks it against the contract: a method missing here, one
here that no longer exists, or a wrong mark fails it. After adding a method or changing an
\`access\`, run \`npm run docs:roles\` and commit the file.

The role is checked by the dispatcher (\`services/core/dispatch.ts\`) on every call, whichever
window or script makes it; hiding a button is only a courtesy.

## The roles

- **clerk 店员** (HQ: 职员): counter work. Finds and registers members, records sales and
  refunds, redeems points, does follow-ups and takes complaints. Sees phones masked outside the
  member in front of them.
- **manager 店长** (HQ: 主管): everything a clerk does, plus the rules (tiers, points expiry,
  follow-up rules), reports, point adjustments, imports, member merges and the export to HQ.
- **admin 管理员**: everything a manager does, plus staff and PINs, backups and restore,
  encryption, the screen-lock minutes and the other settings of the store.

A method open to \`public\` is answered before login (setup, login, the store's status); \`staff\`
means any logged-in staff member. A locked session (docs/privacy.md "Sessions and access") is
refused every method but \`auth.resume\`, \`auth.me\`, \`auth.logout\`, \`auth.lock\`,
\`staff.colleagues\` and the public ones, whatever its role.

The column **HQ** says whether an HQ store answers the method at all: HQ holds the branches'
records as they sent them and refuses any write that is not its own (\`WRONG_MODE\`). At HQ the
same three ranks apply, named 职员, 主管 and 管理员.

## The matrix

`;

export function rolesDoc(): string {
  const names = Object.keys(contract).sort();
  const header = `| method | access | ${ROLES.map((r) => ROLE_HEADINGS[r]).join(' | ')} | HQ |`;
  const rule = `|${' --- |'.repeat(ROLES.length + 3)}`;
  const rows = names.map((name) => {
    const spec: MethodSpec = contract[name as keyof typeof contract];
    const marks = ROLES.map((r) => (mayCall(spec, r) ? '✓' : '–'));
    return `| \`${name}\` | ${spec.access} | ${marks.join(' | ')} | ${answeredAtHq(spec) ? '✓' : '–'} |`;
  });
  return `${HEAD}${header}\n${rule}\n${rows.join('\n')}\n`;
}

export const ROLES_DOC = resolve(import.meta.dirname, '../docs/roles.md');

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const text = rolesDoc();
  let before: string | null = null;
  try {
    before = readFileSync(ROLES_DOC, 'utf8');
  } catch {
    before = null;
  }
  writeFileSync(ROLES_DOC, text);
  console.log(`docs/roles.md: ${before === text ? 'unchanged' : 'written'} (${Object.keys(contract).length} methods)`);
}
