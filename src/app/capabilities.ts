import { callsCapability } from '../calls/calls-capability';
import type { Capability } from './capability';

export const capabilities: Capability[] = [callsCapability];
