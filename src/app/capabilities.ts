import { broadcastsCapability } from '../broadcasts/broadcasts-capability';
import { callsCapability } from '../calls/calls-capability';
import { campaignsCapability } from '../campaigns/campaigns-capability';
import { casesCapability } from '../cases/cases-capability';
import { createHotlineCapability } from '../hotline/hotline-capability';
import { createSosCapability } from '../sos/sos-capability';
import type { Capability } from './platform-types';
import { twilioWebhooks } from './twilio-webhooks';

// Hotline calls become cases through the cases capability's service (their timers start at once), and SOS
// calls from numbers no card has become urgent hotline cases for the dispatcher.
const hotlineCapability = createHotlineCapability({
  cases: (platform) => casesCapability.runtime(platform).service,
});
const sosCapability = createSosCapability({ onUnknownCaller: hotlineCapability.openUnknownSosCase });

export const capabilities: Capability[] = [
  callsCapability,
  sosCapability,
  campaignsCapability,
  hotlineCapability,
  casesCapability,
  twilioWebhooks,
  broadcastsCapability,
];
