import type { AreaNode, AreaTree } from '../area-tree';

export type GridResolution =
  { ok: true; grid: AreaNode } | { ok: false; field: 'village' | 'grid'; reason: string };

function matches(node: AreaNode, nameOrCode: string): boolean {
  return node.code === nameOrCode || node.name === nameOrCode;
}

/**
 * Finds the grid a row names, by village and grid name or code, among the areas the importer may see.
 * An area outside the importer's scope reads as unknown, so the report does not reveal it exists.
 */
export class GridResolver {
  private readonly cache = new Map<string, GridResolution>();

  constructor(
    private readonly tree: AreaTree,
    /** The importer's scope: an area and everything below it; null for the whole tree. */
    private readonly scopeRootId: string | null,
  ) {}

  resolve(village: string, grid: string): GridResolution {
    const key = `${village}\u0000${grid}`;
    let resolution = this.cache.get(key);
    if (!resolution) {
      resolution = this.lookUp(village, grid);
      this.cache.set(key, resolution);
    }
    return resolution;
  }

  /** Said only to a scoped importer: for them "unknown" may mean "not yours". */
  private get where(): string {
    return this.scopeRootId === null ? '' : ' in your area';
  }

  private inScope(id: string): boolean {
    return this.scopeRootId === null || this.tree.isWithin(id, this.scopeRootId);
  }

  private lookUp(villageText: string, gridText: string): GridResolution {
    // A village above the scope (a grid worker's own village) may be named; only its grids in scope count.
    const villages = this.tree
      .nodes()
      .filter(
        (n) =>
          n.level === 'VILLAGE' &&
          matches(n, villageText) &&
          (this.inScope(n.id) || (this.scopeRootId !== null && this.tree.isWithin(this.scopeRootId, n.id))),
      );
    const byCode = villages.filter((v) => v.code === villageText);
    const candidates = byCode.length > 0 ? byCode : villages;
    const [village, ...others] = candidates;
    if (!village) return { ok: false, field: 'village', reason: `no such village${this.where}` };
    if (others.length > 0) {
      const codes = candidates.map((v) => v.code).join(', ');
      return {
        ok: false,
        field: 'village',
        reason: `several villages have this name (codes ${codes}); use the code`,
      };
    }
    const grids = this.tree
      .children(village.id)
      .filter((n) => n.level === 'GRID' && matches(n, gridText) && this.inScope(n.id));
    const gridByCode = grids.filter((g) => g.code === gridText);
    const [grid, ...otherGrids] = gridByCode.length > 0 ? gridByCode : grids;
    if (!grid)
      return { ok: false, field: 'grid', reason: `village ${village.name} has no such grid${this.where}` };
    if (otherGrids.length > 0) {
      return {
        ok: false,
        field: 'grid',
        reason: `village ${village.name} has several grids with this name; use the code`,
      };
    }
    return { ok: true, grid };
  }
}
