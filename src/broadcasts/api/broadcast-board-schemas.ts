import { dateTime } from '../../api/schemas/common';
import { broadcastSchema } from './broadcast-schemas';

export const broadcastListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', format: 'date-time', description: 'start of the window (default: a week ago)' },
    to: { type: 'string', format: 'date-time', description: 'end of the window (default: from + 14 days)' },
  },
} as const;

const ids = { type: 'array', items: { type: 'string' } } as const;

/** A broadcast's properties but its report: the calendar lists many, GET /:id gives one's report. */
function withoutDeliveries<T extends { deliveries: unknown }>(properties: T): Omit<T, 'deliveries'> {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => key !== 'deliveries')) as Omit<
    T,
    'deliveries'
  >;
}

/** A broadcast in the calendar: as GET /:id without deliveries, with its targets and its plays in the window. */
export const broadcastListItemSchema = {
  type: 'object',
  required: [...broadcastSchema.required, 'targets', 'occurrences'],
  properties: {
    ...withoutDeliveries(broadcastSchema.properties),
    targets: {
      type: 'object',
      properties: { villages: ids, grids: ids, zones: ids, speakers: ids },
    },
    occurrences: { type: 'array', items: dateTime },
  },
} as const;
