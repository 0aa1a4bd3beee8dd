import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logging';

/** How large and how stale the TTS cache may grow (TTS_CACHE_* settings). */
export interface TtsCacheBound {
  /** Files beyond this total are deleted, least recently used first. */
  maxBytes: number;
  /** Files not used for this long are deleted whatever the total. */
  maxUnusedMs: number;
  /**
   * Files used within this window are never deleted: a call in progress may be playing them. Longer than
   * the longest call (a message with repeats, an SOS hold).
   */
  keepUsedWithinMs: number;
}

interface CacheFile {
  path: string;
  size: number;
  /** Last use: CachedTts sets the modification time on every use. */
  usedAt: number;
}

async function cacheFiles(dir: string): Promise<CacheFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      return info?.isFile() ? { path: file, size: info.size, usedAt: info.mtimeMs } : null;
    }),
  );
  return files.filter((f): f is CacheFile => f !== null);
}

/** Deletes a file unless it was used since it was listed (a call may have just picked it). */
async function deleteIfUnused(file: CacheFile): Promise<boolean> {
  const now = await stat(file.path).catch(() => null);
  if (!now || now.mtimeMs !== file.usedAt) return false;
  await rm(file.path, { force: true });
  return true;
}

/**
 * Keeps the cache folder within `bound`: deletes files unused for longer than maxUnusedMs (and partial
 * renders left by a crash), then the least recently used until the total is under maxBytes. Never a file
 * used within keepUsedWithinMs, even when that leaves the folder above maxBytes.
 */
export async function sweepTtsCache(
  dir: string,
  bound: TtsCacheBound,
  now = Date.now(),
): Promise<{ deleted: string[]; bytes: number }> {
  const files = (await cacheFiles(dir)).sort((a, b) => a.usedAt - b.usedAt);
  let bytes = files.reduce((sum, f) => sum + f.size, 0);
  const deleted: string[] = [];
  for (const file of files) {
    const unusedMs = now - file.usedAt;
    if (unusedMs < bound.keepUsedWithinMs) break;
    if (bytes <= bound.maxBytes && unusedMs <= bound.maxUnusedMs && !file.path.endsWith('.tmp')) continue;
    if (await deleteIfUnused(file)) {
      bytes -= file.size;
      deleted.push(file.path);
    }
  }
  return { deleted, bytes };
}

/** Sweeps the cache at most once per `intervalMs`, in the background, when new audio was rendered. */
export class TtsCacheSweeper {
  private lastSweep = Number.NEGATIVE_INFINITY;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dir: string,
    private readonly bound: TtsCacheBound,
    private readonly logger: Logger,
    private readonly intervalMs = 10 * 60_000,
  ) {}

  /** The cache grew: sweep unless a sweep ran lately or is running. */
  rendered(now = Date.now()): void {
    if (this.running || now - this.lastSweep < this.intervalMs) return;
    this.lastSweep = now;
    this.running = this.sweep(now).finally(() => {
      this.running = null;
    });
  }

  /** Resolves when a sweep in progress has finished. */
  async idle(): Promise<void> {
    await this.running;
  }

  private async sweep(now: number): Promise<void> {
    try {
      const { deleted, bytes } = await sweepTtsCache(this.dir, this.bound, now);
      if (deleted.length > 0)
        this.logger.info({ deleted: deleted.length, bytes }, 'tts cache: old audio deleted');
      if (bytes > this.bound.maxBytes) {
        this.logger.warn(
          { bytes, maxBytes: this.bound.maxBytes },
          'tts cache: above its bound, all of it in recent use',
        );
      }
    } catch (err) {
      this.logger.error({ err }, 'tts cache: sweep failed');
    }
  }
}
