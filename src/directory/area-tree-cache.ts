import type { Db } from '../db/client';
import { loadAreaTree, type AreaTree } from './area-tree';

/**
 * Scope checks run on every request; the tree changes rarely, so it is reloaded at most every `ttlMs`.
 * An id missing from a cached tree triggers a reload (at most once per `missReloadMs`) so an area
 * created by another process is usable at once.
 */
export class AreaTreeCache {
  private tree: AreaTree | undefined;
  private loadedAt = 0;
  private loading: Promise<AreaTree> | undefined;
  // A load that started before invalidate() may have read the old tree; it must not be cached.
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 10_000,
    private readonly missReloadMs = 1_000,
  ) {}

  async get(): Promise<AreaTree> {
    if (this.tree && Date.now() - this.loadedAt < this.ttlMs) return this.tree;
    return this.reload();
  }

  /** The tree, reloaded first if it does not know `idOrCode` and was not loaded in the last moment. */
  async getKnowing(idOrCode: string): Promise<AreaTree> {
    const tree = await this.get();
    if (tree.find(idOrCode) || Date.now() - this.loadedAt < this.missReloadMs) return tree;
    return this.reload();
  }

  invalidate(): void {
    this.generation += 1;
    this.tree = undefined;
    this.loading = undefined;
  }

  private reload(): Promise<AreaTree> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = loadAreaTree(this.db).then((tree) => {
      if (generation === this.generation) {
        this.tree = tree;
        this.loadedAt = Date.now();
      }
      return tree;
    });
    this.loading = loading;
    const clear = () => {
      if (this.loading === loading) this.loading = undefined;
    };
    loading.then(clear, clear);
    return loading;
  }
}
