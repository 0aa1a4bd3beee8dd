import { useEffect, useState } from 'react';
import { ApiError, apiRequest } from '../../api/client';
import type { ElderLocation, Incident } from '../../api/types';
import type { MapMarker } from '../../map/town-map';
import { useSession } from '../../session/session';

/** An elder's location: known, not known, or not for this token to see (the API decides; it audits every read). */
export type LocationReading =
  { kind: 'known'; value: ElderLocation } | { kind: 'forbidden' } | { kind: 'failed' };

/** The latest location of each incident's elder, read again whenever the incident changes. */
export function useIncidentLocations(incidents: readonly Incident[]): Map<string, LocationReading> {
  const { token } = useSession();
  const [readings, setReadings] = useState(new Map<string, LocationReading>());
  const key = incidents.map((i) => `${i.elderId}:${i.timeline.length}`).join(',');
  useEffect(() => {
    let current = true;
    const elderIds = [
      ...new Set(
        key
          .split(',')
          .filter(Boolean)
          .map((k) => k.split(':')[0] ?? ''),
      ),
    ];
    void Promise.all(
      elderIds.map(async (elderId): Promise<[string, LocationReading]> => {
        try {
          return [
            elderId,
            {
              kind: 'known',
              value: await apiRequest<ElderLocation>(token, 'GET', `/api/v1/elders/${elderId}/location`),
            },
          ];
        } catch (error) {
          return [
            elderId,
            error instanceof ApiError && error.status === 403 ? { kind: 'forbidden' } : { kind: 'failed' },
          ];
        }
      }),
    ).then((entries) => current && setReadings(new Map(entries)));
    return () => {
      current = false;
    };
  }, [token, key]);
  return readings;
}

export function incidentMarkers(
  incidents: readonly Incident[],
  readings: Map<string, LocationReading>,
): MapMarker[] {
  return incidents.flatMap((incident) => {
    const reading = readings.get(incident.elderId);
    const location = reading?.kind === 'known' ? reading.value.location : null;
    return location
      ? [
          {
            id: incident.id,
            label: incident.elderName,
            lat: location.lat,
            lon: location.lon,
            accuracyM: location.accuracyM,
          },
        ]
      : [];
  });
}
