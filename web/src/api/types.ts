/** What the dashboard reads from linli's API (the fields it uses; the API's OpenAPI at /docs has all). */

export type Role = 'ADMIN' | 'CADRE' | 'DISPATCHER' | 'GRID_WORKER' | 'FAMILY_CONTACT' | 'ELDER' | 'RESIDENT';

export interface Area {
  id: string;
  level: 'TOWN' | 'VILLAGE' | 'GRID';
  name: string;
  code: string;
  parentId: string | null;
}

export interface Me {
  name: string;
  role: Role;
  area: Area | null;
  personId: string | null;
}

export interface Household {
  id: string;
  address: string;
  grid: { id: string; name: string; code: string };
  latitude: number | null;
  longitude: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type CampaignStatus = 'SCHEDULED' | 'RUNNING' | 'PAUSED' | 'COMPLETED' | 'CANCELLED';

interface MenuOption {
  digit: string;
  action: 'confirm' | 'decline' | 'repeat';
  label: string;
}

export interface Campaign {
  id: string;
  name: string;
  status: CampaignStatus;
  priority: string;
  drill: boolean;
  trunk: string;
  pausedReason: string | null;
  startAt: string;
  createdAt: string;
  completedAt: string | null;
  definition: { menu?: { options: MenuOption[] }; message?: { kind: string; text?: string } };
  prediction: { predictedEnd: string; predictedAttempts: number; predictedReachedHouseholds: number } | null;
}

export interface Progress {
  campaignId: string;
  status: CampaignStatus;
  households: number;
  byState: Record<string, number>;
  byOutcome: Record<string, number>;
  reached: number;
  attempts: number;
  callsInFlight: number;
  /** The trunk its calls go out on now (another of its group while its own server is down). */
  callingTrunk: string;
  trunkBackoff: { reason: string; retryAt: string } | null;
  pausedReason: string | null;
  withinWindow: boolean;
  nextWindowOpening: string | null;
  eta: string | null;
  completedAt: string | null;
}

export interface HouseholdResult {
  targetId: string;
  householdId: string | null;
  gridName: string | null;
  label: string;
  numbers: string[];
  state: string;
  outcome: string | null;
  outcomeLabel: string;
  attempts: { attemptNo: number; startedAt: string; outcome: string | null; digit: string | null }[];
}

export interface CreatedCampaign {
  campaign: Campaign | null;
  plan: { predictedEnd: string; predictedAttempts: number; predictedReachedHouseholds: number };
  planBasis: 'history' | 'defaults';
  audience: { targets: number; numbers: number; sharedNumbers: number; invalidNumbers: number };
}

export interface VisitHousehold {
  targetId: string;
  label: string;
  numbers: string[];
  outcomeLabel: string;
}

export interface DoorToDoor {
  lists: {
    personId: string;
    name: string;
    phones: string[];
    households: VisitHousehold[];
    message: string;
    notice: { acknowledged: boolean } | null;
  }[];
  withoutWorker: VisitHousehold[];
  stillCalling: number;
}

interface TimelineEntry {
  at: string;
  kind: string;
  contactId: string | null;
  detail: string;
}

export interface Incident {
  id: string;
  elderId: string;
  elderName: string;
  status: string;
  trigger: string;
  elderOnLine: boolean;
  round: number;
  responder: string | null;
  location: string | null;
  openedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  timeline: TimelineEntry[];
}

export interface Elder {
  id: string;
  name: string;
  householdId: string;
  address: string;
  gridId: string;
  notes: string;
  contacts: { personId: string; role: string; name: string; phones: string[] }[];
  cards: {
    id: string;
    imei: string;
    simNumber: string;
    model: string;
    lastSeenAt: string | null;
    battery: number | null;
  }[];
}

export interface ElderLocation {
  location: { lat: number; lon: number; source: string; accuracyM: number; ageSeconds: number } | null;
  words: string | null;
}

export interface CaseItem {
  id: string;
  number: string;
  category: string;
  urgent: boolean;
  state: string;
  address: string;
  openedAt: string;
  nextDeadlineAt: string | null;
}

export interface CaseDetail extends CaseItem {
  seq: number;
  description: string;
  recording: { seconds: number | null } | null;
  transcript: { status: string; text: string | null };
  sla: { stages: { stage: string; status: string; deadlineAt: string | null }[] };
  timeline: {
    seq: number;
    at: string;
    type: string;
    actor: string;
    note: string;
    /** unreachable: a deadline step that rang nobody, which step it was and why. */
    details: { to?: string; unreachable?: { stage: string; role: string; reason: string } };
  }[];
}

export type BroadcastPriority = 'normal' | 'important' | 'emergency';

export interface Speaker {
  id: string;
  name: string;
  areaId: string;
  villageId: string;
  zoneId: string | null;
  latitude: number | null;
  longitude: number | null;
  kind: 'sip' | 'mqtt';
  online: boolean;
  lastSeenAt: string | null;
}

export interface Zone {
  id: string;
  villageId: string;
  name: string;
}

interface BroadcastBase {
  id: string;
  title: string;
  priority: BroadcastPriority;
  status: 'scheduled' | 'playing' | 'done' | 'cancelled';
  text: string | null;
  drill: boolean;
  repeat: number;
  startAt: string | null;
  cron: string | null;
  endAt: string | null;
  skipHolidays: boolean;
  validMinutes: number;
  createdAt: string;
  summary: Record<string, number>;
}

export interface BroadcastItem extends BroadcastBase {
  targets: { villages: string[]; grids: string[]; zones: string[]; speakers: string[] };
  occurrences: string[];
}

interface Delivery {
  speakerId: string;
  speakerName: string;
  kind: 'sip' | 'mqtt';
  occurrence: string;
  state: 'pending' | 'sent' | 'playing' | 'finished' | 'failed' | 'preempted';
  reason: string | null;
  attempts: number;
  startedAt: string | null;
  secondsPlayed: number | null;
}

export interface BroadcastDetail extends BroadcastBase {
  deliveries: Delivery[];
}

export interface BroadcastBoard {
  items: BroadcastItem[];
  speakers: Speaker[];
}

export interface CaseFigures {
  from: string;
  to: string;
  opened: number;
  closed: number;
  closedLoop: number;
  closedLoopRate: number | null;
  onTime: Record<string, { met: number; late: number; rate: number | null }>;
  satisfaction: { satisfied: number; basically: number; not: number; rate: number | null };
  topCategories: { category: string; cases: number }[];
  hotspots: {
    villages: { id: string | null; cases: number }[];
    grids: { id: string | null; cases: number }[];
  };
}
