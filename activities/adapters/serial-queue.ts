// Runs async tasks one after another inside this process. Read-modify-write sequences (list, decide, save) must
// not interleave, or two Gemeinden could be given the same range or the same inventory numbers.

export type SerialQueue = <R>(task: () => Promise<R>) => Promise<R>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <R>(task: () => Promise<R>): Promise<R> => {
    const run = tail.then(task);
    // A failed task must not block the ones queued after it.
    tail = run.catch(() => undefined);
    return run;
  };
}

const queues = new WeakMap<object, SerialQueue>();

/** One queue per object (e.g. per repository), shared by everyone in the process who uses that object. */
export function serialQueueFor(owner: object): SerialQueue {
  let queue = queues.get(owner);
  if (!queue) {
    queue = createSerialQueue();
    queues.set(owner, queue);
  }
  return queue;
}
