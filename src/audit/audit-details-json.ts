import { z } from 'zod';
import { VersionedJson } from '../db/versioned-json';

/**
 * How AuditLog.details is stored, version by version. Every action writes its own fields, so version 1
 * is any object; a reader that relies on one action's fields parses them with its own schema.
 */
export const auditDetailsJson: VersionedJson<Record<string, unknown>> = VersionedJson.first(
  'AuditLog.details',
  z.record(z.string(), z.unknown()),
);
