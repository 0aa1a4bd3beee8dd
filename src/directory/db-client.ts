import type { Db } from '../db/client';
import type { Prisma } from '../generated/prisma/client';

/** The client itself or an interactive transaction: directory functions work inside either. */
export type DbClient = Db | Prisma.TransactionClient;
