import type { Contract, MethodName, OutputOf, ParsedInputOf } from '../../shared/contract/index';
import type { DB } from '../../db/connection';
import type { Ctx } from './context';

/** A method's implementation: the database, who calls, and the input its schema parsed. */
export type Handler<M extends MethodName> = (
  db: DB,
  ctx: Ctx,
  input: ParsedInputOf<M>,
) => Contract[M] extends { async: true } ? Promise<OutputOf<M>> : OutputOf<M>;

/** A domain's handlers: exactly the methods its contract declares, each with its own types. */
export type DomainHandlers<C> = { [M in keyof C & MethodName]: Handler<M> };
