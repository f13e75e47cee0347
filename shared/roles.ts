export const ROLES = ['clerk', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { clerk: 1, manager: 2, admin: 3 };

/** A manager can do everything a clerk can; an admin everything a manager can. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
