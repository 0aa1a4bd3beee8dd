import { NotDialled } from './not-dialled';

/**
 * The trunk or the engine refused for capacity (carrier 503, Q.850 34/42, no channel free): back off the
 * trunk, never the household.
 */
export class TrunkCongested extends NotDialled {
  constructor(
    readonly trunk: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`trunk ${trunk} is congested: ${reason}`, options);
    this.name = 'TrunkCongested';
  }
}
