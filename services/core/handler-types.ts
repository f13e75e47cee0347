import type { MethodName } from '../../shared/contract/index';
import type { Handler } from './dispatch';

/** A domain's handlers: exactly the methods its contract declares, each with its own types. */
export type DomainHandlers<C> = { [M in keyof C & MethodName]: Handler<M> };
