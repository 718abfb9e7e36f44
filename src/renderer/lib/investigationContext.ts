import { getContext, setContext } from 'svelte';
import type { InvestigationModel } from './investigation.svelte';

const KEY = Symbol('investigation');

/** The pills deep inside tables reach the shared model through context, not through every parent. */
export function provideInvestigation(model: InvestigationModel): void {
  setContext(KEY, model);
}

export function useInvestigation(): InvestigationModel {
  return getContext<InvestigationModel>(KEY);
}
