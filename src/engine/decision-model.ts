// Written by `npm run calibrate` (fitted on the question bank's train split); do not edit by hand.
import type { DecisionModel } from './decide.ts';
import type { AnswerabilityModel } from './answerability.ts';
import type { RankingWeights } from './rank.ts';

export const DECISION_MODEL: DecisionModel | undefined = undefined;

export const ANSWERABILITY_MODEL: AnswerabilityModel | undefined = undefined;

export const RANKING_WEIGHTS: RankingWeights | undefined = {
  "exactWords": 0.505,
  "synonymWords": 0.361,
  "repeatedWords": 0.026,
  "nearMeaning": 0.089,
  "neighbourWords": 0.347,
  "passageWords": 0.323,
  "phrases": 0,
  "namesSubject": 0.156,
  "namesAllSubjects": 1.439,
  "bothAlternatives": 2.702,
  "aboutSubject": 1.005,
  "givesDate": 0.579,
  "personFit": 0.291,
  "numberFit": 0.864,
  "passageRetrieval": 4.568
};
