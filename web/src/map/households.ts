import { useEffect, useState } from 'react';
import { apiRequest } from '../api/client';
import type { Household, Page } from '../api/types';
import { useSession } from '../session/session';

const PAGE = 500;
/** A town of a few thousand households; beyond that the map shows the first ones. */
const MAX_PAGES = 20;

/** Every household of the token's area (for the map), page by page; null until loaded. */
export function useHouseholds(): Household[] | null {
  const { token } = useSession();
  const [households, setHouseholds] = useState<Household[] | null>(null);
  useEffect(() => {
    let current = true;
    const load = async () => {
      const all: Household[] = [];
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const { items, total } = await apiRequest<Page<Household>>(
          token,
          'GET',
          `/api/v1/households?limit=${PAGE}&offset=${page * PAGE}`,
        );
        all.push(...items);
        if (all.length >= total || items.length === 0) break;
      }
      return all;
    };
    load().then(
      (all) => current && setHouseholds(all),
      () => current && setHouseholds([]),
    );
    return () => {
      current = false;
    };
  }, [token]);
  return households;
}
