import type { Household, Speaker } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { projectionFor, type GeoPoint } from './projection';

export interface MapMarker extends GeoPoint {
  id: string;
  label: string;
  /** Drawn as a circle of this radius around the marker. */
  accuracyM?: number;
}

// Colour-blind-safe (Okabe–Ito), dark enough on the light map for 3:1 contrast.
const GRID_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8a6d00', '#56B4E9', '#000000'];

/**
 * The town drawn from its households' coordinates (no tile server: everything is local): each household a
 * dot coloured by grid, and markers (elders in need) with their accuracy circles on top.
 */
export function TownMap({
  households,
  markers = [],
  speakers = [],
}: {
  households: Household[];
  markers?: MapMarker[];
  speakers?: Speaker[];
}) {
  const { t, tKey } = useI18n();
  const placed = households.flatMap((h) =>
    h.latitude === null || h.longitude === null ? [] : [{ household: h, lat: h.latitude, lon: h.longitude }],
  );
  const mapped = speakers.flatMap((s) =>
    s.latitude === null || s.longitude === null ? [] : [{ speaker: s, lat: s.latitude, lon: s.longitude }],
  );
  const projection = projectionFor([...placed, ...markers, ...mapped]);
  if (!projection) return <p className="muted">{t('mapNoCoordinates')}</p>;
  const grids = [...new Map(placed.map((p) => [p.household.grid.id, p.household.grid])).values()].sort(
    (a, b) => a.code.localeCompare(b.code),
  );
  const colourOf = (gridId: string) =>
    GRID_COLOURS[grids.findIndex((g) => g.id === gridId) % GRID_COLOURS.length];
  return (
    <figure className="map">
      <svg
        viewBox={`0 0 ${projection.width} ${projection.height}`}
        role="img"
        aria-label={`${t('mapTitle')}: ${t('mapHouseholds', { count: placed.length })}${
          mapped.length > 0 ? `, ${t('mapSpeakers', { count: mapped.length })}` : ''
        }`}
      >
        <rect width={projection.width} height={projection.height} className="map-ground" />
        {placed.map(({ household, lat, lon }) => {
          const { x, y } = projection.project({ lat, lon });
          return (
            <circle
              key={household.id}
              cx={x}
              cy={y}
              r={11}
              fill={colourOf(household.grid.id)}
              className="map-house"
            >
              <title>{household.address}</title>
            </circle>
          );
        })}
        {mapped.map(({ speaker, lat, lon }) => {
          const { x, y } = projection.project({ lat, lon });
          const state = speaker.online ? t('speakerOnline') : t('speakerOffline');
          // SIP horns are squares, 4G speakers diamonds; filled when online, hollow and dashed when not.
          return (
            <g
              key={speaker.id}
              className={`map-speaker ${speaker.online ? 'map-speaker-online' : 'map-speaker-offline'}`}
              data-testid="map-speaker"
              data-online={speaker.online}
              transform={`translate(${x} ${y})${speaker.kind === 'mqtt' ? ' rotate(45)' : ''}`}
            >
              <rect x={-14} y={-14} width={28} height={28} rx={3} />
              <title>{`${speaker.name} · ${tKey('speakerKind_', speaker.kind)} · ${state}`}</title>
            </g>
          );
        })}
        {markers.map((marker) => {
          const { x, y } = projection.project(marker);
          return (
            <g key={marker.id} className="map-marker" data-testid="map-marker">
              {marker.accuracyM !== undefined && (
                <circle
                  cx={x}
                  cy={y}
                  r={Math.max(10, marker.accuracyM * projection.unitsPerMetre)}
                  className="map-accuracy"
                />
              )}
              <circle cx={x} cy={y} r={12} className="map-alert" />
              <text x={x + 16} y={y + 6} className="map-label">
                {marker.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {grids.map((grid) => (
            <li key={grid.id}>
              <span className="swatch" style={{ background: colourOf(grid.id) }} aria-hidden="true" />
              {grid.name}
            </li>
          ))}
          {mapped.length > 0 && (
            <>
              <li>
                <span className="swatch swatch-speaker-online" aria-hidden="true" />
                {t('mapSpeakerOnline')}
              </li>
              <li>
                <span className="swatch swatch-speaker-offline" aria-hidden="true" />
                {t('mapSpeakerOffline')}
              </li>
            </>
          )}
          {markers.length > 0 && (
            <li>
              <span className="swatch swatch-alert" aria-hidden="true" />
              {t('mapElder')}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}
