// Written by `npm run calibrate` (fitted on the question bank's train split); do not edit by hand.
// Both learned decisions were measured and are not in use (see DESIGN.md, "Learned decisions").
import type { DecisionModel } from './decide.ts';
import type { AnswerabilityModel } from './answerability.ts';
import type { RankingWeights } from './rank.ts';

export const DECISION_MODEL: DecisionModel | undefined = undefined;

export const ANSWERABILITY_MODEL: AnswerabilityModel | undefined = undefined;

export const RANKING_WEIGHTS: RankingWeights | undefined = undefined;
