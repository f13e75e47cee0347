import { workerData } from 'node:worker_threads';
import { openDatabase } from '../../../db/connection';
import { createApp } from '../../../services/core/context';
import { call, dispatch } from '../../../services/core/dispatch';

// A counter selling as fast as it can on a connection of its own, in a worker thread
// (consistent.test.ts starts it): a sale, then a redemption, member after member, until the
// test says stop. `shared`: [0] sales committed so far, [1] set to 1 to stop.

const { path, members, shared } = workerData as { path: string; members: string[]; shared: SharedArrayBuffer };
const state = new Int32Array(shared);
const app = createApp(openDatabase(path), { checkOutputs: false });
const session = call(app, {}, 'auth.login', { name: '王店长', pin: '246810' }).session;
for (let i = 0; Atomics.load(state, 1) === 0; i++) {
  const memberId = members[i % members.length];
  call(app, { session }, 'purchases.record', { memberId, amount: '150.00', confirmDuplicate: true });
  // Refused now and then (points still locked): a refusal writes nothing, and the counter goes on.
  if (i % 3 === 0) dispatch(app, { session }, 'points.redeem', { memberId, points: 100 });
  Atomics.add(state, 0, 1);
}
app.db.close();
