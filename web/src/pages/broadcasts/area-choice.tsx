import type { Area } from '../../api/types';

/** Areas as checkboxes (big enough to tap), the chosen ones by id. */
export function AreaChoice({
  legend,
  areas,
  chosen,
  onChange,
}: {
  legend: string;
  areas: { id: string; name: string }[];
  chosen: string[];
  onChange(ids: string[]): void;
}) {
  if (areas.length === 0) return null;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...chosen, id] : chosen.filter((other) => other !== id));
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="choices">
        {areas.map((area) => (
          <label key={area.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(area.id)}
              onChange={(e) => toggle(area.id, e.target.checked)}
            />
            {area.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export const byLevel = (areas: Area[], level: Area['level']) => areas.filter((a) => a.level === level);
