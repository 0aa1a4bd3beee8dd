export {
  admitInvite,
  sourceForgettable,
  type Admission,
  type AdmissionPolicy,
  type SourceRecord,
} from './admission';
export { applyProbe, FIRST_HEALTH, type HealthPolicy, type ServerHealth } from './server-health';
export { isServerFailure, serversToTry, type AttemptFailure, type RoutingStrategy } from './routing';
