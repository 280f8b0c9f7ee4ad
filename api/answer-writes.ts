// The events a task action's answer carries (workflows/engine/answer.ts) are stored while the answer goes out, and
// the app's reads of the read model wait for those writes: whoever acts sees the change on the next read, and the
// answer does not wait for the database (issue 19: the hand-off, without slowing the completion). A read waits at
// most READ_WAIT_MS (the database slow or away): the run's outbox stores the events anyway.
import type { Store } from '../store/store';

const READ_WAIT_MS = 250;

/** `store` whose appends are tracked, and whose read-model reads start once the appends in flight are done. */
export function withAnswerWrites(store: Store): Store {
  const writing = new Set<Promise<unknown>>();
  const written = (): Promise<unknown> | undefined => {
    if (writing.size === 0) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise((resolve) => (timer = setTimeout(resolve, READ_WAIT_MS).unref()));
    return Promise.race([Promise.allSettled([...writing]), limit]).finally(() => clearTimeout(timer));
  };
  const after = async <R>(read: () => Promise<R>): Promise<R> => {
    await written();
    return read();
  };
  return {
    ...store,
    appendEvents(events) {
      const append = store.appendEvents(events);
      writing.add(append);
      const done = () => void writing.delete(append);
      append.then(done, done);
      return append;
    },
    listRuns: (filter) => after(() => store.listRuns(filter)),
    getRun: (id) => after(() => store.getRun(id)),
    getRuns: (ids) => after(() => store.getRuns(ids)),
    listTasks: (filter) => after(() => store.listTasks(filter)),
    countTasks: (filter, cap) => after(() => store.countTasks(filter, cap)),
    getTask: (id) => after(() => store.getTask(id)),
    runEvents: (runId, opts) => after(() => store.runEvents(runId, opts)),
    dashboard: (opts) => after(() => store.dashboard(opts)),
  };
}
