import { useEffect, useState } from 'react';
import { apiRequest } from '../../api/client';
import type { Area, Page } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useApiGet } from '../../ui/hooks';
import { WhenLoaded } from '../../ui/loaded';

/** Households per village and grid, counted by the API (one small request each). */
function useHouseholdCounts(areas: Area[] | null): Map<string, number> {
  const { token } = useSession();
  const [counts, setCounts] = useState(new Map<string, number>());
  useEffect(() => {
    if (!areas) return;
    let current = true;
    const pickable = areas.filter((a) => a.level !== 'TOWN');
    void Promise.all(
      pickable.map(async (area) => {
        const filter = area.level === 'VILLAGE' ? 'village' : 'grid';
        const page = await apiRequest<Page<unknown>>(
          token,
          'GET',
          `/api/v1/households?${filter}=${area.id}&limit=1`,
        );
        return [area.id, page.total] as const;
      }),
    ).then((entries) => current && setCounts(new Map(entries)));
    return () => {
      current = false;
    };
  }, [token, areas]);
  return counts;
}

export interface AudienceChoice {
  villages: string[];
  grids: string[];
}

/** Villages and their grids as checkboxes, each with its number of households. */
export function AudiencePicker(props: {
  value: AudienceChoice;
  onChange(value: AudienceChoice): void;
  invalid: boolean;
}) {
  const { t } = useI18n();
  const areas = useApiGet<Area[]>('/api/v1/areas');
  const counts = useHouseholdCounts(areas.kind === 'ready' ? areas.data : null);
  const toggle = (kind: keyof AudienceChoice, id: string, on: boolean) =>
    props.onChange({
      ...props.value,
      [kind]: on ? [...props.value[kind], id] : props.value[kind].filter((x) => x !== id),
    });
  const box = (area: Area, kind: keyof AudienceChoice) => (
    <label className="check">
      <input
        type="checkbox"
        checked={props.value[kind].includes(area.id)}
        onChange={(e) => toggle(kind, area.id, e.target.checked)}
      />
      {area.name} ({counts.get(area.id) ?? '…'})
    </label>
  );
  return (
    <fieldset aria-invalid={props.invalid} aria-describedby="audience-help">
      <legend>{t('formAudience')}</legend>
      <p id="audience-help" className="muted">
        {t('formAudienceHelp')}
      </p>
      <WhenLoaded loaded={areas}>
        {(list) => {
          const villages = list.filter((a) => a.level === 'VILLAGE');
          const orphanGrids = list.filter(
            (a) => a.level === 'GRID' && !villages.some((v) => v.id === a.parentId),
          );
          if (villages.length === 0 && orphanGrids.length === 0)
            return <p className="muted">{t('noAudienceOption')}</p>;
          return (
            <ul className="audience">
              {villages.map((village) => (
                <li key={village.id}>
                  {box(village, 'villages')}
                  <ul>
                    {list
                      .filter((g) => g.parentId === village.id)
                      .map((grid) => (
                        <li key={grid.id}>{box(grid, 'grids')}</li>
                      ))}
                  </ul>
                </li>
              ))}
              {orphanGrids.map((grid) => (
                <li key={grid.id}>{box(grid, 'grids')}</li>
              ))}
            </ul>
          );
        }}
      </WhenLoaded>
    </fieldset>
  );
}
