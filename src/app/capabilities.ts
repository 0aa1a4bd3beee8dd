import { callsCapability } from '../calls/calls-capability';
import { campaignsCapability } from '../campaigns/campaigns-capability';
import { sosCapability } from '../sos/sos-capability';
import type { Capability } from './platform-types';

export const capabilities: Capability[] = [callsCapability, sosCapability, campaignsCapability];
