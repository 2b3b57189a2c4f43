// Written by `npm run calibrate`; do not edit by hand.
import type { DecisionModel } from './decide.ts';

export const DECISION_MODEL: DecisionModel | undefined = undefined;
