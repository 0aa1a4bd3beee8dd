import { XMLBuilder } from 'fast-xml-parser';
import { CASE_CATEGORIES, type CaseCategory, type CaseState } from '../domain/case-types';

/** The services an Open311 client may file: one per case category (service_code = the category). */
const OPEN311_SERVICES: readonly { code: CaseCategory; name: string; description: string }[] = [
  { code: 'complaint', name: '投诉反映', description: 'Complaint or report of a problem' },
  { code: 'consultation', name: '咨询', description: 'Question to the town or village' },
  { code: 'suggestion', name: '建议', description: 'Suggestion' },
  { code: 'business', name: '助企服务', description: 'Help for a business' },
  { code: 'urgent', name: '紧急求助', description: 'Danger to life or property: handled at once' },
];

export function isServiceCode(code: string): code is CaseCategory {
  return (CASE_CATEGORIES as readonly string[]).includes(code);
}

/** GeoReport v2 knows open and closed: a case is closed once resolved. */
function open311Status(state: CaseState): 'open' | 'closed' {
  return state === 'resolved' || state === 'closed' ? 'closed' : 'open';
}

export function serviceList() {
  return OPEN311_SERVICES.map((s) => ({
    service_code: s.code,
    service_name: s.name,
    description: s.description,
    metadata: false,
    type: s.code === 'urgent' ? 'realtime' : 'batch',
    keywords: '',
    group: '',
  }));
}

interface CaseForOpen311 {
  number: string;
  category: string;
  state: string;
  description: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  openedAt: Date;
  updatedAt: Date;
  nextDeadlineAt: Date | null;
  statusNotes: string;
  agency: string;
}

/** One case as a GeoReport v2 service request (service_request_id is the case number). */
export function open311Request(c: CaseForOpen311) {
  const service = OPEN311_SERVICES.find((s) => s.code === c.category);
  return {
    service_request_id: c.number,
    status: open311Status(c.state as CaseState),
    status_notes: c.statusNotes,
    service_name: service?.name ?? c.category,
    service_code: c.category,
    description: c.description,
    agency_responsible: c.agency,
    service_notice: '',
    requested_datetime: c.openedAt.toISOString(),
    updated_datetime: c.updatedAt.toISOString(),
    expected_datetime: c.nextDeadlineAt?.toISOString() ?? '',
    address: c.address,
    address_id: '',
    zipcode: '',
    lat: c.latitude ?? '',
    long: c.longitude ?? '',
    media_url: '',
  };
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });

/** The GeoReport v2 XML shape: a root element holding one element per item. */
export function open311Xml(root: string, item: string, items: readonly object[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: { [item]: items } }) as string}`;
}

/** GeoReport v2 errors: a list of {code, description}. */
export function open311Errors(code: number, description: string) {
  return [{ code, description }];
}
