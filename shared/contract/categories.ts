import { z } from 'zod';
import { method } from './define';
import { NoInput } from './common';

// The sale categories a manager keeps (品类列表): the counter offers a sale's category from the
// list, so the by-category report does not split one category under two names. A sale may still
// be given a category not on the list; it is recorded as typed.

/** How many names the list holds at most: a picker, not a product catalogue. */
export const MAX_CATEGORIES = 200;

/** As long as a sale's category may be (purchases.record). */
export const CategoryName = z.string().trim().min(1).max(40);

const CategoryList = z.object({ items: z.array(z.string()) });

export const categoriesContract = {
  /** The list in the manager's order. */
  'categories.list': method({ input: NoInput, output: CategoryList, access: 'clerk', write: false }),
  /** Replaces the whole list (the settings page's editor). Names are unique ignoring letter case. */
  'categories.save': method({
    input: z.strictObject({
      items: z
        .array(CategoryName)
        .max(MAX_CATEGORIES)
        .superRefine((names, ctx) => {
          const seen = new Set<string>();
          names.forEach((name, i) => {
            const key = name.toLowerCase();
            if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: 'duplicate' });
            seen.add(key);
          });
        }),
    }),
    output: CategoryList,
    access: 'manager',
    write: true,
  }),
  /**
   * Adds one name at the end (typed at a sale, then offered to the list). A name already on the
   * list, in any letter case, changes nothing: `added: false`.
   */
  'categories.add': method({
    input: z.strictObject({ name: CategoryName }),
    output: CategoryList.extend({ added: z.boolean() }),
    access: 'manager',
    write: true,
  }),
};
