import { hqContract } from '../shared/contract/hq';
import { AppError } from '../shared/errors';
import type { DomainHandlers } from './types';

const notYet = (): never => {
  throw new AppError('INTERNAL', 'HQ services are being built');
};

export const hqHandlers = {
  'hq.status': notYet,
  'hq.joinChain': notYet,
  'hq.exportBranch': notYet,
  'hq.merge': notYet,
  'hq.branches': notYet,
  'hq.mergeLog': notYet,
  'hq.compare': notYet,
  'hq.multiBranch': notYet,
  'hq.person': notYet,
  'hq.conflicts': notYet,
  'hq.resolveConflict': notYet,
} satisfies DomainHandlers<typeof hqContract>;
