/**
 * Writes what `items` yields while it reads the next: each item's write starts as soon as the
 * item is there, with at most `limit` writes running at once (the next item waits for the oldest
 * to end). On PostgreSQL the reads and each write run on connections of their own, so both cores
 * work at once. A failure, of a read or a write, is thrown once the writes still running have
 * ended, so that none runs on unseen after its caller has given up.
 */
export async function writeWhileReading<T>(
  items: AsyncIterable<T>,
  write: (item: T) => Promise<void>,
  limit: number,
): Promise<void> {
  const running: Promise<void>[] = [];
  try {
    for await (const item of items) {
      if (running.length >= limit) await running.shift();
      const started = write(item);
      // Awaited in its turn: a failure meanwhile must not count as unhandled.
      started.catch(() => {});
      running.push(started);
    }
    await Promise.all(running);
  } catch (error) {
    await Promise.allSettled(running);
    throw error;
  }
}
