import type { Db } from '../db/client';
import type { ReadinessCheck } from './health';

export function databaseReadiness(db: Db): ReadinessCheck {
  return {
    name: 'database',
    check: async () => {
      await db.$queryRaw`SELECT 1`;
      return true;
    },
  };
}
