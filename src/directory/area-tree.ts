import type { AreaLevel } from '../generated/prisma/client';
import type { DbClient } from './db-client';

export interface AreaNode {
  id: string;
  level: AreaLevel;
  name: string;
  code: string;
  parentId: string | null;
}

/** The whole town → village → grid tree in memory: a county has thousands of areas, not millions. */
export class AreaTree {
  private readonly byId = new Map<string, AreaNode>();
  private readonly byCode = new Map<string, AreaNode>();
  private readonly childrenOf = new Map<string, AreaNode[]>();

  constructor(nodes: readonly AreaNode[]) {
    for (const node of nodes) {
      this.byId.set(node.id, node);
      this.byCode.set(node.code, node);
      if (node.parentId !== null) {
        const siblings = this.childrenOf.get(node.parentId) ?? [];
        siblings.push(node);
        this.childrenOf.set(node.parentId, siblings);
      }
    }
  }

  get(id: string): AreaNode | undefined {
    return this.byId.get(id);
  }

  /** Users refer to areas by id or by their administrative code; both are unique. */
  find(idOrCode: string): AreaNode | undefined {
    return this.byId.get(idOrCode) ?? this.byCode.get(idOrCode);
  }

  nodes(): AreaNode[] {
    return [...this.byId.values()];
  }

  children(id: string): AreaNode[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** The area itself and everything below it. */
  subtree(id: string): AreaNode[] {
    const root = this.byId.get(id);
    if (!root) return [];
    const out: AreaNode[] = [];
    const stack = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      out.push(node);
      stack.push(...this.children(node.id));
    }
    return out;
  }

  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean {
    for (
      let node = this.byId.get(id);
      node;
      node = node.parentId ? this.byId.get(node.parentId) : undefined
    ) {
      if (node.id === ancestorId) return true;
    }
    return false;
  }
}

export async function loadAreaTree(db: DbClient): Promise<AreaTree> {
  const rows = await db.area.findMany({
    select: { id: true, level: true, name: true, code: true, parentId: true },
  });
  return new AreaTree(rows);
}
