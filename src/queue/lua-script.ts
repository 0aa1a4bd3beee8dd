import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from './redis';

/**
 * An atomic Redis script kept as a .lua file beside the module that uses it (the build copies .lua files
 * into dist/ beside the compiled modules), run by its SHA (EVALSHA) and sent whole only when Redis does not
 * know it yet (a restart, a flush).
 */
export class LuaScript {
  private readonly source: string;
  private readonly sha: string;

  constructor(dir: string, file: string) {
    this.source = readFileSync(path.join(dir, file), 'utf8');
    this.sha = createHash('sha1').update(this.source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
