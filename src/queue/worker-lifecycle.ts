import type { Worker } from 'bullmq';
import type { Logger } from '../logging';

/**
 * Closes workers on SIGTERM/SIGINT: they stop taking jobs and finish the ones in hand. A job that
 * cannot finish in time stays active in Redis and BullMQ's stall check hands it to another worker,
 * so no job is lost either way.
 */
export function closeWorkersOnSignal(
  workers: Worker[],
  logger: Logger,
  onClosed: () => Promise<void> = async () => undefined,
  graceMs = 30_000,
): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, workers: workers.length }, 'finishing jobs in hand before exit');
    const timer = setTimeout(() => {
      logger.warn('grace period over; unfinished jobs will be picked up by another worker');
      process.exit(1);
    }, graceMs);
    timer.unref();
    await Promise.all(workers.map((w) => w.close()));
    await onClosed();
    logger.info('workers closed');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
