import type { Db } from '../../db/client';
import type { AreaNode, AreaTree } from '../../directory/area-tree';
import type { AreaLevel } from '../../generated/prisma/client';
import {
  deduplicateAudience,
  unknownReference,
  type AudienceHousehold,
  type CampaignFieldProblem,
  type SkipReason,
} from '../domain';
import { doNotCallNumbers, loadAudienceHouseholds } from './audience-households';
import type { AudienceLists } from './audience-lists';

/** Who to call, as the API names it: villages and grids by id or code, tags, and an uploaded list. */
export interface AudienceRequest {
  villages: string[];
  grids: string[];
  householdTags: string[];
  listId: string | null;
}

export interface CampaignTargetDraft {
  householdId: string | null;
  gridId: string | null;
  label: string;
  numbers: string[];
}

export interface AudienceSummary {
  /** Households the selection matched and rows of the uploaded list. */
  selectedHouseholds: number;
  listRows: number;
  targets: number;
  numbers: number;
  skipped: { householdId: string | null; label: string; reason: SkipReason }[];
  /** Numbers listed by several households, dialled once. */
  sharedNumbers: number;
  invalidNumbers: number;
}

export interface ResolvedAudience {
  errors: CampaignFieldProblem[];
  villageIds: string[];
  gridIds: string[];
  targets: CampaignTargetDraft[];
  summary: AudienceSummary;
  /** The smallest area holding the whole selection (the campaign's area for access checks). */
  areaId: string | null;
}

export interface AudienceDeps {
  db: Db;
  tree: AreaTree;
  lists: AudienceLists;
}

interface Candidate extends AudienceHousehold {
  target: Omit<CampaignTargetDraft, 'numbers'>;
}

/**
 * Turns the request into the households to call, within the caller's area (`scopeAreaId`, null for all):
 * areas outside it are reported exactly as areas that do not exist. Numbers on the do-not-call lists are
 * dropped and a number shared by households is dialled once.
 */
export async function resolveAudience(
  deps: AudienceDeps,
  scopeAreaId: string | null,
  request: AudienceRequest,
  campaignDoNotCall: readonly string[],
): Promise<ResolvedAudience> {
  const errors: CampaignFieldProblem[] = [];
  const pick = (entries: string[], level: AreaLevel, path: string): AreaNode[] =>
    entries.flatMap((entry, i) => {
      const area = deps.tree.find(entry.trim());
      const visible =
        area !== undefined &&
        area.level === level &&
        (scopeAreaId === null || deps.tree.isWithin(area.id, scopeAreaId));
      if (visible) return [area];
      if (entry.trim() !== '')
        errors.push(unknownReference(`${path}[${i}]`, level === 'VILLAGE' ? 'village' : 'grid', entry));
      return [];
    });
  const villages = pick(request.villages, 'VILLAGE', 'audience.villages');
  const grids = pick(request.grids, 'GRID', 'audience.grids');
  const list = request.listId === null ? null : await deps.lists.get(request.listId);
  if (request.listId !== null && list === null) {
    errors.push(unknownReference('audience.listId', 'uploaded_list', request.listId));
  }

  const gridIds = [
    ...new Set([
      ...villages.flatMap((v) =>
        deps.tree
          .subtree(v.id)
          .filter((a) => a.level === 'GRID')
          .map((a) => a.id),
      ),
      ...grids.map((g) => g.id),
    ]),
  ];
  for (const [i, tag] of request.householdTags.entries()) {
    const tagged = await deps.db.household.count({ where: { gridId: { in: gridIds }, tags: { has: tag } } });
    if (tagged === 0 && gridIds.length > 0)
      errors.push(unknownReference(`audience.householdTags[${i}]`, 'household_tag', tag));
  }

  const households = await loadAudienceHouseholds(deps.db, gridIds, request.householdTags);
  // Written as plain loops: a city's 200,000 households went through several copies of every row.
  const candidates: Candidate[] = [];
  for (const h of households) {
    const target = { householdId: h.id, gridId: h.gridId, label: `${h.externalRef} ${h.address}`.trim() };
    candidates.push({ householdId: h.id, numbers: h.phones, target });
  }
  const listNumbers: string[] = [];
  for (const row of list?.rows ?? []) {
    const target = { householdId: null, gridId: null, label: row.label };
    candidates.push({ householdId: `list-row-${row.row}`, numbers: [row.number], target });
    listNumbers.push(row.number);
  }

  const blocked = await doNotCallNumbers(deps.db, listNumbers);
  const deduplicated = deduplicateAudience(candidates, [...campaignDoNotCall, ...blocked]);
  const ownTargets = inCandidateOrder(candidates, deduplicated.targets);
  const targets: CampaignTargetDraft[] = [];
  for (const [i, { numbers }] of deduplicated.targets.entries()) {
    const target = ownTargets[i];
    if (target)
      targets.push({ householdId: target.householdId, gridId: target.gridId, label: target.label, numbers });
  }
  const skippedTargets = inCandidateOrder(candidates, deduplicated.skipped);

  return {
    errors,
    villageIds: villages.map((v) => v.id),
    gridIds: grids.map((g) => g.id),
    targets,
    summary: {
      selectedHouseholds: households.length,
      listRows: list?.rows.length ?? 0,
      targets: targets.length,
      numbers: targets.reduce((sum, t) => sum + t.numbers.length, 0),
      skipped: deduplicated.skipped.map((s, i) => ({
        householdId: skippedTargets[i]?.householdId ?? null,
        label: skippedTargets[i]?.label ?? s.householdId,
        reason: s.reason,
      })),
      sharedNumbers: deduplicated.duplicates.length,
      invalidNumbers: deduplicated.invalidNumbers.length,
    },
    areaId:
      commonArea(
        deps.tree,
        [...villages, ...grids].map((a) => a.id),
      ) ?? scopeAreaId,
  };
}

/**
 * The candidates' targets for `entries`, which name candidates in the candidates' own order, each at most
 * once (as deduplicateAudience hands back its targets, and its skipped households): one walk along both
 * pairs them: a map of a city's 200,000 candidates by key made this step take five times as long.
 */
function inCandidateOrder(
  candidates: readonly Candidate[],
  entries: readonly { householdId: string }[],
): (Candidate['target'] | undefined)[] {
  let at = 0;
  return entries.map(({ householdId }) => {
    while (at < candidates.length && candidates[at]?.householdId !== householdId) at += 1;
    const candidate = candidates[at];
    return candidate?.householdId === householdId ? candidate.target : undefined;
  });
}

/** The lowest area containing all of `ids`; null for none. */
function commonArea(tree: AreaTree, ids: readonly string[]): string | null {
  const [first, ...rest] = ids;
  if (first === undefined) return null;
  for (let node = tree.get(first); node; node = node.parentId ? tree.get(node.parentId) : undefined) {
    const candidate = node.id;
    if (rest.every((id) => tree.isWithin(id, candidate))) return candidate;
  }
  return null;
}
